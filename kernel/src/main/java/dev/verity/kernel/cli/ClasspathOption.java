package dev.verity.kernel.cli;

import dev.verity.engine.run.RecordedRun;
import dev.verity.engine.user.JavaClasses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --classpath JARS}, a mixin for the commands that check or run a file (check, run, replay): the jars or
 * class folders of the Java classes a file names in {@code java("…")}. A run records each jar's SHA-256; a rerun
 * uses the recorded jars when given none, and refuses jars that differ.
 */
final class ClasspathOption {
  @Option(names = "--classpath", paramLabel = "JARS", split = ":",
      description = "jars or class folders with the Java classes the file names in java(\"…\"), separated by ':'"
          + " (repeatable); a run records each jar's sha256 in jars.json")
  List<Path> jars = new ArrayList<>();

  /** The given jars' classes, nameable until the registration is closed; nothing when none are given. */
  JavaClasses.Registration use() {
    return use(jars);
  }

  /** As {@link #use()} for {@code paths}; a path that is neither a file nor a folder is a wrong command line. */
  static JavaClasses.Registration use(List<Path> paths) {
    if (paths.isEmpty()) {
      return () -> {};
    }
    for (Path jar : paths) {
      if (!Files.isRegularFile(jar) && !Files.isDirectory(jar)) {
        throw new CliException("--classpath " + jar + ": no such jar or folder of classes");
      }
    }
    return JavaClasses.use(JavaClasses.ofJars(paths));
  }

  /**
   * For a rerun of {@code recorded}: the jars given, else those the run recorded; refused (exit 2) when they are
   * not the ones the run used, byte for byte.
   *
   * @param verb {@code replay} or {@code resume}
   */
  List<Path> forRerun(RecordedRun recorded, String verb) {
    try {
      List<Path> use = jars.isEmpty() ? recorded.recordedJars() : jars;
      for (Path jar : use) {
        if (!Files.isRegularFile(jar) && !Files.isDirectory(jar)) {
          throw new CliException("cannot " + verb + ": the run used the jar " + jar + ", which is not there; give"
              + " it with --classpath");
        }
      }
      recorded.jarRefusal(verb, use).ifPresent(why -> {
        throw new CliException("cannot " + verb + ": " + why);
      });
      return use;
    } catch (IOException | UncheckedIOException e) {
      throw new CliException("cannot read the jars of " + recorded.dir().path() + ": " + e.getMessage());
    }
  }
}
