package dev.verity.kernel.jshell;

import dev.verity.dsl.ast.Span;
import dev.verity.dsl.diag.Diagnostic;
import dev.verity.kernel.cell.CellError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A Java cell's failures as the user reads them: compile errors at {@code cell[N]:line:col} with the line and a
 * caret, in the DSL's shape; an exception as its class and message, then only the frames of the notebook's own
 * code ({@code at f(cell[2]:3)}), never the kernel's or JShell's.
 */
final class JavaErrors {
  /** Where a frame of snippet {@code #id}, at a line of that snippet, is in the notebook. */
  @FunctionalInterface
  interface Places {
    Optional<String> place(String snippetId, int line);
  }

  /** The most frames shown per exception. */
  static final int MAX_FRAMES = 20;

  private JavaErrors() {}

  /** The compile errors of the snippet whose {@code source} starts at {@code offset} in {@code cell}. */
  static CellError compile(CellText cell, int offset, String source, List<Diag> errors) {
    List<String> lines = new ArrayList<>();
    String first = null;
    for (Diag diag : errors) {
      int start = offset + (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
      int end = offset + (int) Math.max(0, Math.min(diag.getEndPosition(), source.length()));
      Diagnostic rendered = diagnostic(cell, start, Math.max(end, start + 1),
          diag.getMessage(Locale.ROOT).lines().findFirst().orElse("does not compile"));
      first = first == null ? rendered.headline() : first;
      lines.addAll(rendered.render().lines().toList());
    }
    if (first == null) { // JShell rejected it without an error of its own, e.g. a declaration it cannot take
      Diagnostic rendered = diagnostic(cell, offset, offset + 1, "JShell cannot run this snippet");
      first = rendered.headline();
      lines.addAll(rendered.render().lines().toList());
    }
    return new CellError("CompileError", first, lines);
  }

  /** The cell ends inside a statement or block that starts at {@code offset}. */
  static CellError unfinished(CellText cell, int offset) {
    Diagnostic rendered = diagnostic(cell, offset, offset + 1,
        "this statement is not finished by the end of the cell: close its braces, parentheses or string");
    return new CellError("CompileError", rendered.headline(), rendered.render().lines().toList());
  }

  /** A method or class used before what it needs is declared. */
  static CellError unresolved(UnresolvedReferenceException e, List<String> missing) {
    String message = e.getSnippet() + " cannot run yet: declare " + String.join(", ", missing) + " first";
    return new CellError("CompileError", message, List.of(message));
  }

  /** An exception the cell's code threw: class, message, the notebook's frames; each cause the same way. */
  static CellError thrown(EvalException e, Places places) {
    List<String> lines = new ArrayList<>();
    Throwable cause = e;
    String prefix = "";
    while (cause != null) {
      lines.add(prefix + headline(cause));
      List<String> frames = new ArrayList<>();
      for (StackTraceElement frame : cause.getStackTrace()) {
        userFrame(frame, places).ifPresent(frames::add);
      }
      if (frames.size() > MAX_FRAMES) { // a StackOverflowError has thousands: the top ones say where it recursed
        int more = frames.size() - MAX_FRAMES;
        frames = new ArrayList<>(frames.subList(0, MAX_FRAMES));
        frames.add("\t... " + more + " more frames of the notebook's code");
      }
      lines.addAll(frames);
      cause = cause.getCause();
      prefix = "Caused by: ";
    }
    return new CellError(className(e), headline(e), lines);
  }

  private static String headline(Throwable t) {
    String message = t.getMessage();
    return className(t) + (message == null ? "" : ": " + message);
  }

  private static String className(Throwable t) {
    return t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
  }

  /** {@code at f(cell[2]:3)} for a frame of the notebook's code, which JShell names {@code #id}. */
  private static Optional<String> userFrame(StackTraceElement frame, Places places) {
    String file = frame.getFileName();
    if (file == null || !file.startsWith("#")) {
      return Optional.empty();
    }
    String className = frame.getClassName();
    String method = frame.getMethodName();
    String where = className.isEmpty() ? method : className + "." + method;
    return places.place(file.substring(1), frame.getLineNumber())
        .map(place -> "\tat " + (where.isEmpty() ? "cell code" : where) + "(" + place + ")");
  }

  private static Diagnostic diagnostic(CellText cell, int start, int end, String message) {
    int line = cell.line(start);
    int endLine = cell.line(end);
    Span span = new Span(cell.name(), line, cell.column(start), endLine, cell.column(end));
    return new Diagnostic(span, message, cell.lineText(line));
  }
}
