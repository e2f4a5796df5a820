package dev.verity.engine.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How run directories are named, {@code <experiment>-<yyyyMMdd-HHmmss>}, and how the experiment is read back from
 * such a name; also what makes any name (an experiment's, a stage's, a chart's title) safe as a file name.
 */
final class RunNames {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RunNames() {}

  /** {@code name} made safe as a file name: letters, digits, '.', '_' and '-', at most 64 characters. */
  static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
    safe = safe.length() > 64 ? safe.substring(0, 64) : safe;
    return safe.isEmpty() ? "run" : safe;
  }

  /** The name of a new run of {@code experiment} started now by {@code clock}, in its time zone. */
  static String stamped(String experiment, Clock clock) {
    return fileName(experiment) + "-" + STAMP.format(LocalDateTime.now(clock));
  }

  /** The experiment's name of a directory opened before its run started, recovered from the directory name. */
  static String experimentOf(Path dir) {
    String name = dir.toAbsolutePath().normalize().getFileName().toString();
    return name.replaceFirst("-[0-9]{8}-[0-9]{6}(-[0-9]+)?$", "");
  }
}
