package dev.verity.engine.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A run file that cannot be read as Verity wrote it; the message names the file, the line when known, and why. */
public final class RunFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The damaged file, when known: commands that read many runs name the run it belongs to, and what to do. */
  private final transient Path file;

  public RunFormatException(String message) {
    this(message, null);
  }

  private RunFormatException(String message, Path file) {
    super(message);
    this.file = file;
  }

  static RunFormatException at(Path file, long line, String problem) {
    return new RunFormatException(file + ":" + line + ": " + problem, file);
  }

  /** {@code file}'s {@code problem}, where it is the whole file (a folder in its place) rather than a line. */
  static RunFormatException in(Path file, String problem) {
    return new RunFormatException(file + ": " + problem, file);
  }

  /** The file that did not read, when the message names it. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
