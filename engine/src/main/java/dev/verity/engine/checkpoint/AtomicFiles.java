package dev.verity.engine.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/** Writes a file so that readers see the old content or the new, never half of it: temp file, fsync, rename. */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /** Something that writes a file's bytes. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: its files are 0600, and the rename would keep that mode on the final file.
    // Created like any other file, the temp (so the result) gets the user's umask, as 0644 under umask 022.
    String random = Long.toUnsignedString(RANDOM.nextLong(), 36);
    Path temp = dir.resolve("." + target.getFileName() + "." + random + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        writer.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) { // a full or read-only disk: say which file and why (Java names one or the other)
      throw FileErrors.naming(target, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Removes a temp file left by a failed write; on a read-only disk it cannot go, and the failure is what matters. */
  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // a resume removes checkpoint temp files; others start with '.' and are never read
    }
  }

  /**
   * Deletes the temp files of writes into {@code dir} that a killed process left (a write that finished renamed
   * its temp file away): {@code .NAME.RANDOM.tmp}, as {@link #write} names them.
   */
  public static void removeUnfinished(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(AtomicFiles::isTemp).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static boolean isTemp(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
