package dev.verity.kernel.cli;

import dev.verity.kernel.install.KernelInstaller;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to start this build of Verity in a new JVM, as {@code bin/verity} does: this Java, the same JVM flags, and
 * {@code -jar verity.jar} (or, when running from compiled classes, their class path and the main class).
 */
public final class Launch {
  private Launch() {}

  /**
   * The flags bin/verity passes: PyTorch's threads (this process's count, so an installed kernel computes like the
   * command line that installed it), then those of every Verity process ({@link KernelInstaller#JVM_FLAGS}).
   */
  static List<String> jvmFlags() {
    return jvmFlags(System.getProperty("ai.djl.pytorch.num_threads", "2"));
  }

  private static List<String> jvmFlags(String threads) {
    List<String> flags = new ArrayList<>(List.of("-Dai.djl.pytorch.num_threads=" + threads,
        "-Dai.djl.pytorch.num_interop_threads=1"));
    flags.addAll(KernelInstaller.JVM_FLAGS);
    return List.copyOf(flags);
  }

  /** The command line that runs {@code verity args…} with this build. */
  static List<String> command(String... args) {
    return command(jvmFlags(), List.of(args));
  }

  /** The command line that runs {@code verity args…} with this build, PyTorch computing on {@code threads}. */
  public static List<String> command(int threads, List<String> args) {
    return command(jvmFlags(Integer.toString(threads)), args);
  }

  private static List<String> command(List<String> flags, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    Optional<Path> jar = ownJar();
    if (jar.isPresent()) {
      command.add("-jar");
      command.add(jar.get().toString());
    } else {
      command.add("-cp");
      command.add(absoluteClasspath(System.getProperty("java.class.path")));
      command.add(Verity.class.getName());
    }
    command.addAll(args);
    return command;
  }

  /** The jar this class was loaded from, if it was loaded from one. */
  public static Optional<Path> ownJar() {
    try {
      var source = Launch.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path location = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
      return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? Optional.of(location)
          : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Each entry absolute, so the command works from any folder (a notebook's). */
  private static String absoluteClasspath(String classpath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
