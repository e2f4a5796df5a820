package dev.verity.engine.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
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

  /**
   * Deletes {@code stage}'s checkpoints in {@code dir} but {@code kept} (just written, already renamed into place)
   * and the {@code keep.count() - 1} others of the highest steps. The folder is synced first, so the rename that
   * put {@code kept} in place is on disk before anything older goes: a crash at any instant leaves a complete
   * checkpoint, at worst one too many, which the next prune (or a resume, which reads the latest) handles.
   */
  static void prune(Path dir, String stage, KeepCheckpoints keep, Path kept) throws IOException {
    if (keep.all()) {
      return;
    }
    String prefix = prefix(stage);
    List<Path> older;
    try (Stream<Path> files = Files.list(dir)) {
      older = files
          .filter(p -> step(p, prefix) >= 0 && !p.getFileName().equals(kept.getFileName()))
          .sorted(Comparator.comparingLong((Path p) -> step(p, prefix)).reversed())
          .skip(keep.count() - 1L)
          .toList();
    }
    if (older.isEmpty()) {
      return;
    }
    syncFolder(dir);
    for (Path file : older) {
      Files.deleteIfExists(file);
    }
  }

  /** Flushes a folder's entries to disk; where a folder cannot be opened (Windows), the rename was enough. */
  private static void syncFolder(Path dir) {
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every platform syncs folders; the file itself was forced before its rename
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
