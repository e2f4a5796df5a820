package dev.verity.engine.run;

import dev.verity.engine.checkpoint.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A run's experiment.verity and its SHA-256 as the manifest records it: written whole by a headless run, appended
 * cell by cell by a notebook session. Not thread-safe: {@link RunDirectory} serialises its calls.
 */
final class SourceRecord {
  private final Path file;
  private MessageDigest hash; // the file's hash as this process appends to it; null before the first append
  private String end = ""; // how the file ends: "" empty, "\n" a line end, else anything

  SourceRecord(Path file) {
    this.file = file;
  }

  /** Replaces the file with {@code source}, atomically; returns its hash. */
  String write(String source) throws IOException {
    AtomicFiles.writeString(file, source);
    hash = null;
    return sha256(source);
  }

  /**
   * Adds an executed notebook cell, after a blank line when the file already holds one: one append, forced to the
   * disk before this returns; returns the hash of the file now. The manifest's {@code source_sha256} follows at its
   * next write (a stage's first record, the session's end) rather than at every cell, which kept a notebook waiting
   * on two more forced writes per cell: until then the file is the recorded source followed by the cells appended
   * since, which {@link #isRecorded} accepts.
   */
  String append(String cellSource) throws IOException {
    if (hash == null) { // the first append of this process: take up the file as it is
      String before = read();
      hash = newSha256();
      hash.update(before.getBytes(StandardCharsets.UTF_8));
      end = before.isEmpty() ? "" : before.endsWith("\n") ? "\n" : "x";
    }
    String separator = end.isEmpty() ? "" : end.equals("\n") ? "\n" : "\n\n";
    String cell = cellSource.endsWith("\n") ? cellSource : cellSource + "\n";
    byte[] bytes = (separator + cell).getBytes(StandardCharsets.UTF_8);
    AppendFiles.append(file, bytes, true);
    hash.update(bytes);
    end = "\n";
    return hex(hash);
  }

  /** The source recorded so far; empty before any. */
  String read() throws IOException {
    return Files.exists(file) ? RunFiles.text(file) : "";
  }

  /**
   * Whether {@code source} (a run's experiment.verity) is what the run recorded as {@code sha256}: exactly, or that
   * followed by notebook cells appended after the manifest's last write (each entry starts on a blank line with a
   * {@code # %%} header or a {@code # verity:} note), which is what a notebook session's kernel leaves when it dies.
   */
  static boolean isRecorded(String source, String sha256) {
    if (sha256(source).equals(sha256) || (source.startsWith("# %%") && sha256("").equals(sha256))) {
      return true; // as recorded, or the first cell appended before the manifest's first write after the start
    }
    MessageDigest prefix = newSha256();
    int hashed = 0;
    for (int at = source.indexOf("\n\n# ", 0); at >= 0; at = source.indexOf("\n\n# ", at + 1)) {
      String entry = source.substring(at + 2);
      if (!entry.startsWith("# %%") && !entry.startsWith("# verity:")) {
        continue;
      }
      prefix.update(source.substring(hashed, at + 1).getBytes(StandardCharsets.UTF_8)); // up to the blank line
      hashed = at + 1;
      if (hex(prefix).equals(sha256)) {
        return true;
      }
    }
    return false;
  }

  static String sha256(String text) {
    return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The hash of what {@code digest} has taken so far, leaving it to take more. */
  private static String hex(MessageDigest digest) {
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests clone", e);
    }
  }
}
