package dev.verity.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoint file names: {@code <stage>-step-000120.ckpt}, the stage made safe for a file name and the step the
 * checkpoint resumes at. Temp files of an atomic write start with '.', so they never match.
 */
public final class CheckpointFiles {
  private CheckpointFiles() {}

  private static final String SUFFIX = ".ckpt";

  /** The checkpoint a stage writes into {@code dir} before {@code step}. */
  public static Path file(Path dir, String stage, long step) {
    return dir.resolve(String.format("%s%06d%s", prefix(stage), step, SUFFIX));
  }

  static Optional<Path> latest(Path dir, String stage) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    String prefix = prefix(stage);
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> step(p, prefix) >= 0)
          .max(Comparator.comparingLong(p -> step(p, prefix)));
    }
  }

  private static String prefix(String stage) {
    return RunDirectory.fileName(stage) + "-step-";
  }

  /** The step in a checkpoint file's name, or -1 when the name is not one of {@code prefix}'s checkpoints. */
  private static long step(Path file, String prefix) {
    String name = file.getFileName().toString();
    if (!name.startsWith(prefix) || !name.endsWith(SUFFIX)) {
      return -1;
    }
    String digits = name.substring(prefix.length(), name.length() - SUFFIX.length());
    return digits.matches("[0-9]{1,18}") ? Long.parseLong(digits) : -1;
  }
}
