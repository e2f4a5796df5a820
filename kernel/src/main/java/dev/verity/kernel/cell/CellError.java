package dev.verity.kernel.cell;

import java.util.List;

/**
 * A cell that failed, as the user should read it: a name ({@code VerityError}), a one-line message, and the lines
 * to show (a diagnostic with its source line and caret). Carries no Java stack: it is not a program bug.
 */
public final class CellError extends Exception {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<String> traceback;

  public CellError(String name, String message, List<String> traceback) {
    super(message, null, false, false);
    this.name = name;
    this.traceback = List.copyOf(traceback);
  }

  /** A one-line error of the language itself. */
  public static CellError of(String message) {
    return new CellError("VerityError", message, List.of(message));
  }

  /** A diagnostic: first line the message, then context lines such as the source line and its caret. */
  public static CellError diagnostic(String message, List<String> lines) {
    return new CellError("VerityError", message, lines);
  }

  /** The cell stopped because the user interrupted it. */
  public static CellError interrupted() {
    return new CellError("Interrupted", "interrupted by the user", List.of("interrupted by the user"));
  }

  /** The cell hit a bug in Verity itself: the user sees one line, the kernel log has the Java stack. */
  public static CellError internal(Throwable bug) {
    String message = "internal error: " + bug + " (the kernel log has the details)";
    return new CellError("InternalError", message, List.of(message));
  }

  public String name() {
    return name;
  }

  public List<String> traceback() {
    return traceback;
  }
}
