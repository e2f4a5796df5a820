package dev.verity.kernel.notebook;

/** A twin or notebook file that cannot be read as one: the message names the file, the line where known, the fix. */
public final class NotebookFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotebookFormatException(String message) {
    super(message, null, false, false);
  }
}
