package dev.verity.kernel.cell;

/**
 * Where a running cell shows things. Safe to call from any thread, also after the cell ended (a display handle
 * may keep updating a chart from a training thread).
 */
public interface CellOutput {

  /** Shows a value below the cell, rendered by the kernel's renderer for its type. */
  DisplayHandle display(Object value);

  /** Appends text to the cell's standard output stream. */
  void print(String text);

  /** Appends text to the cell's standard error stream (warnings that are not failures). */
  void printError(String text);
}
