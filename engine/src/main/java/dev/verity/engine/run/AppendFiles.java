package dev.verity.engine.run;

import dev.verity.engine.checkpoint.FileErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Appends and cuts for the run's line files. An append is one write of whole lines to a file opened for append,
 * so a process killed at any instant leaves whole lines and at most one partial line at the end; the bytes are
 * with the operating system when the call returns (a process crash loses nothing written; a power cut may).
 */
final class AppendFiles {
  private AppendFiles() {}

  /**
   * The records a resume keeps: all of the stages that began before {@code stage}, and {@code stage}'s up to
   * step {@code lastStep}. The rest were written after the checkpoint the run resumes from.
   */
  record Keep(Set<String> earlier, String stage, long lastStep) {
    Keep {
      earlier = Set.copyOf(earlier);
    }

    boolean keeps(String recordStage, long step) {
      return earlier.contains(recordStage) || (recordStage.equals(stage) && step <= lastStep);
    }

    /** The same cut for records labelled {@code by} steps later (evaluations count steps done). */
    Keep later(long by) {
      return new Keep(earlier, stage, lastStep + by);
    }
  }

  /** Appends {@code lines}; a failure (a full disk, a read-only one) names the file and the cause. */
  static void append(Path file, byte[] lines) throws IOException {
    append(file, lines, false);
  }

  /**
   * Appends {@code lines} and, when {@code durable}, forces them to the disk before returning (fdatasync: the bytes
   * and the file's new length, as a power cut would otherwise lose them).
   */
  static void append(Path file, byte[] lines, boolean durable) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(lines);
      while (buf.hasRemaining()) { // one write() for a regular file; the loop only guards the API's contract
        ch.write(buf);
      }
      if (durable) {
        ch.force(false);
      }
    } catch (IOException e) {
      throw FileErrors.naming(file, e);
    }
  }

  /** Cuts {@code file} to its first {@code size} bytes. */
  static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (ch.size() > size) {
        ch.truncate(size);
        ch.force(true);
      }
    }
  }
}
