package dev.verity.engine.checkpoint;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * One line for a failed file operation that names the file and the cause: Java's own messages give one or the
 * other ({@code No space left on device} from a write; only the path, of a temp file maybe, from an {@link
 * AccessDeniedException}).
 */
public final class FileErrors {
  private FileErrors() {}

  /** {@code FILE: cause}, e.g. {@code runs/x/metrics.csv: No space left on device}. */
  public static String describe(Path file, IOException e) {
    return file + ": " + cause(e);
  }

  /** The file and the cause where {@code e} names a file (Java's message is then often the path alone). */
  public static String describe(IOException e) {
    return e instanceof FileSystemException fs && fs.getFile() != null ? describe(Path.of(fs.getFile()), e)
        : cause(e);
  }

  /** {@code e} again with {@link #describe}'s message, so whoever reports it names the file. */
  public static IOException naming(Path file, IOException e) {
    return new IOException(describe(file, e), e);
  }

  /** Why {@code e} failed, without the file: {@code permission denied}, {@code No space left on device}. */
  public static String cause(IOException e) {
    if (e instanceof FileSystemException fs) {
      return cause(fs);
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String cause(FileSystemException e) {
    if (e.getReason() != null) {
      return e.getReason();
    } else if (e instanceof AccessDeniedException) {
      return "permission denied";
    } else if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    } else if (e instanceof NotDirectoryException) {
      return "not a folder";
    } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file of that name is in the way (a folder is needed there)";
    }
    return e.getClass().getSimpleName();
  }
}
