package dev.verity.engine.task;

import java.nio.file.Path;

/**
 * A problem with a user's task data, naming the file, the 1-based line and the field at fault, e.g.
 * {@code problems.jsonl:7: missing field 'answer' (fields there: question, solution)}.
 */
public final class TaskDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;
  private final int line;
  private final String field;
  private final String detail;

  /** {@code line} is 0 and {@code field} null when the fault is not on one line or in one field. */
  public TaskDataException(Path path, int line, String field, String detail) {
    super(place(path, line) + ": " + detail);
    this.path = path;
    this.line = line;
    this.field = field;
    this.detail = detail;
  }

  /** What is wrong, without the place: for callers that name the file their own way. */
  public String detail() {
    return detail;
  }

  /** The data file. */
  public Path path() {
    return path;
  }

  /** The 1-based line at fault, or 0 when the fault concerns the whole file. */
  public int line() {
    return line;
  }

  /** The field at fault, or null when it is not one field. */
  public String field() {
    return field;
  }

  private static String place(Path path, int line) {
    Path name = path.getFileName();
    String file = name == null ? path.toString() : name.toString();
    return line > 0 ? file + ":" + line : file;
  }
}
