package dev.verity.engine.run;

import dev.verity.engine.checkpoint.FileErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How every reader of a run's files (records, manifest, source, jars.json) meets one damaged after Verity wrote
 * it: a folder in the file's place, a file it may not read, bytes that are not UTF-8. Java says "Is a directory"
 * or "Input length = 1" without naming the file; these name the file, the line and the byte, and the way on.
 */
final class RunFiles {
  private RunFiles() {}

  /** What to do about a file damaged after Verity wrote it. */
  static final String RESTORE = "the run's records are damaged: restore the file from a copy, or run the"
      + " experiment again";

  /** Something that reads a file and may fail. */
  @FunctionalInterface
  interface Read<T> {
    T from(Path file) throws IOException;
  }

  /**
   * {@code read} applied to {@code file}, its failures named: a missing file stays a {@link NoSuchFileException}
   * (each reader knows what absence means), a {@link RunFormatException} passes as it is, any other failure
   * becomes one naming the file.
   */
  static <T> T reading(Path file, Read<T> read) throws IOException {
    try {
      return read.from(file);
    } catch (NoSuchFileException | RunFormatException e) {
      throw e;
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw RunFormatException.in(file, "a folder, where the run keeps a file; " + RESTORE);
      }
      throw RunFormatException.in(file, "cannot be read: " + FileErrors.cause(e));
    }
  }

  /** The whole of {@code file}; see {@link #reading} for its failures. */
  static byte[] bytes(Path file) throws IOException {
    return reading(file, Files::readAllBytes);
  }

  /** The whole of {@code file} as text, checked to be UTF-8 ({@link #requireUtf8}). */
  static String text(Path file) throws IOException {
    byte[] bytes = bytes(file);
    requireUtf8(file, bytes, 0, bytes.length, 1, 0);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Checks that {@code bytes[from, to)} is UTF-8, as Verity writes every file: else fails naming the line and the
   * byte (1-based, counted in the file) where it is not.
   *
   * @param firstLine the line of the file {@code bytes[from]} is on
   * @param offset the offset in the file of {@code bytes[0]}
   */
  static void requireUtf8(Path file, byte[] bytes, int from, int to, long firstLine, long offset)
      throws RunFormatException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CharBuffer out = CharBuffer.allocate(Math.min(to - from, 1 << 16));
    CoderResult result;
    do {
      out.clear();
      result = decoder.decode(in, out, true);
    } while (result.isOverflow());
    if (!result.isError()) {
      out.clear();
      result = decoder.flush(out);
    }
    if (result.isError()) { // the input's position is at the first byte of the bad sequence
      int bad = in.position();
      long line = firstLine;
      for (int i = from; i < bad; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw RunFormatException.at(file, line, String.format("not UTF-8 text (byte %d is 0x%02X), which Verity never"
          + " writes; %s", offset + bad + 1, bytes[bad] & 0xff, RESTORE));
    }
  }
}
