package dev.verity.kernel.cell;

/** Whether a console may run the code now; when not, the indent for the next line. */
public record IsComplete(Status status, String indent) {
  public enum Status { COMPLETE, INCOMPLETE, INVALID, UNKNOWN }

  public static final IsComplete COMPLETE = new IsComplete(Status.COMPLETE, "");
  public static final IsComplete INVALID = new IsComplete(Status.INVALID, "");
  public static final IsComplete UNKNOWN = new IsComplete(Status.UNKNOWN, "");

  /** More lines are needed (an open block); the next one starts with {@code indent}. */
  public static IsComplete incomplete(String indent) {
    return new IsComplete(Status.INCOMPLETE, indent);
  }
}
