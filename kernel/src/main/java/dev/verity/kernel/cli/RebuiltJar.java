package dev.verity.kernel.cli;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
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
  private RebuiltJar() {}

  /** Loads this class while the jar is still the one the process started with. */
  static void preload() {}

  /** The explanation when {@code error} is one of Verity's classes missing after the jar changed; else empty. */
  static Optional<String> explain(Throwable error) {
    try {
      Path jar = Path.of(RebuiltJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(jar)) {
        return Optional.empty(); // classes from a folder (tests, an IDE): nothing is rebuilt under them this way
      }
      return explain(error, jar, Files.getLastModifiedTime(jar).toInstant(),
          Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
    } catch (URISyntaxException | java.io.IOException | RuntimeException e) {
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
