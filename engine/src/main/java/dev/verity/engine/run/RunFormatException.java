package dev.verity.engine.run;

import java.io.IOException;
import java.nio.file.Path;

/** A run file that cannot be read as Verity wrote it; the message names the file, the line when known, and why. */
public final class RunFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public RunFormatException(String message) {
    super(message);
  }

  static RunFormatException at(Path file, long line, String problem) {
    return new RunFormatException(file + ":" + line + ": " + problem);
  }
}
