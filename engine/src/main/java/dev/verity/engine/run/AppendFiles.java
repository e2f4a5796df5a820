package dev.verity.engine.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends and cuts for the run's line files. An append is one write of whole lines to a file opened for append,
 * so a process killed at any instant leaves whole lines and at most one partial line at the end; the bytes are
 * with the operating system when the call returns (a process crash loses nothing written; a power cut may).
 */
final class AppendFiles {
  private AppendFiles() {}

  /** Where a record of a stage's step lies in its file, in bytes, line break included. */
  record Mark(String stage, long step, long start, long end) {}

  static void append(Path file, byte[] lines) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(lines);
      while (buf.hasRemaining()) { // one write() for a regular file; the loop only guards the API's contract
        ch.write(buf);
      }
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

  /**
   * Where to cut a file of records (in file order) so it ends with {@code stage}'s
   * record of step {@code lastStep}: just after the last record of the stage with step at most {@code lastStep},
   * dropping all that follows it (later steps, and later stages begun after it); when the stage has no such
   * record, just before its first record; when it has none, nowhere ({@code -1}).
   */
  static long cutAfter(List<Mark> marks, String stage, long lastStep) {
    long firstOfStage = -1;
    long afterLastKept = -1;
    for (Mark m : marks) {
      if (m.stage().equals(stage)) {
        firstOfStage = firstOfStage < 0 ? m.start() : firstOfStage;
        if (m.step() <= lastStep) {
          afterLastKept = m.end();
        }
      }
    }
    return afterLastKept >= 0 ? afterLastKept : firstOfStage;
  }
}
