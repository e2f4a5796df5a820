package dev.verity.kernel.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Says what happened when Verity's jar was rebuilt (`mvn package`) under a process running from it: a class the
 * process had not loaded yet can no longer be read, and it fails with a NoClassDefFoundError that looks like a bug.
 * A sweep's runs failed this way on 2026-12-07. Loaded as the command line starts ({@link #preload}), because once
 * the jar is rebuilt none of Verity's classes not yet loaded can be.
 */
final class RebuiltJar {
  /** The jar this process started from, found while it still is; empty when running from class folders. */
  private static Optional<Path> jar = Optional.empty();

  private RebuiltJar() {}

  /** Loads this class, and finds its jar, while the jar is still the one the process started with. */
  static void preload() {
    jar = Launch.ownJar();
  }

  /** The explanation when {@code error} is one of Verity's classes missing after the jar changed; else empty. */
  static Optional<String> explain(Throwable error) {
    if (jar.isEmpty()) {
      return Optional.empty(); // classes from a folder (tests, an IDE): nothing is rebuilt under them this way
    }
    try {
      return explain(error, jar.get(), Files.getLastModifiedTime(jar.get()).toInstant(),
          Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static Optional<String> explain(Throwable error, Path jar, Instant jarModified, Instant processStarted) {
    if (!missesOwnClass(error) || !jarModified.isAfter(processStarted)) {
      return Optional.empty();
    }
    return Optional.of("the jar this process runs from, " + jar + ", was rebuilt while it ran, and a class it still"
        + " needed went with the old one; nothing recorded is lost: continue with `verity run --resume DIR` (a sweep:"
        + " `verity sweep --resume DIR`), which runs the new build. Rebuild when no run is going.");
  }

  private static boolean missesOwnClass(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if ((t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) && t.getMessage() != null
          && (t.getMessage().contains("dev/verity/") || t.getMessage().contains("dev.verity."))) {
        return true;
      }
    }
    return false;
  }
}
