package dev.verity.dsl.diag;

import dev.verity.dsl.ast.Span;

/**
 * One error or warning: where, what, and the source line it points into (kept so the diagnostic renders on its
 * own). A warning names a setting that runs but cannot learn; it does not stop a run.
 *
 * <pre>
 * long-cot.verity:14:12: error: unknown reward 'corect' (did you mean 'correct'?)
 *   rl policy on add { reward: corect
 *                              ^^^^^^
 * </pre>
 */
public record Diagnostic(Span span, String message, String sourceLine, Severity severity) {
  /** The most of a source line {@link #render} shows. */
  static final int WIDTH = 160;

  /** An error stops the cell or run; a warning is printed and the run goes on. */
  public enum Severity {
    ERROR, WARNING;

    /** As the headline says it: {@code error}, {@code warning}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** An error. */
  public Diagnostic(Span span, String message, String sourceLine) {
    this(span, message, sourceLine, Severity.ERROR);
  }

  /** The first line, {@code file:line:col: error: message} (or {@code warning:}). */
  public String headline() {
    return span.file() + ":" + span.line() + ":" + span.column() + ": " + severity.label() + ": " + message;
  }

  /**
   * Headline, the source line, and a caret line under the span. A line longer than {@value #WIDTH} characters
   * (a pasted log, a generated expression) shows only the part around the span, between {@code …} marks, so one
   * error never prints a megabyte. Without a source line (a place in an earlier cell, whose text is not at hand)
   * it is the headline alone.
   */
  public String render() {
    if (sourceLine.isBlank()) {
      return headline();
    }
    String line = sourceLine;
    int start = span.column() - 1;
    int end = span.endLine() == span.line() ? span.endColumn() - 1 : sourceLine.length();
    if (line.length() > WIDTH) {
      int from = Math.max(0, Math.min(start - WIDTH / 4, line.length() - WIDTH));
      int to = Math.min(line.length(), from + WIDTH);
      from += from > 0 && Character.isLowSurrogate(line.charAt(from)) ? 1 : 0; // never half a character
      to -= to < line.length() && Character.isLowSurrogate(line.charAt(to)) ? 1 : 0;
      String before = from > 0 ? "…" : "";
      line = before + line.substring(from, to) + (to < sourceLine.length() ? "…" : "");
      start = start - from + before.length();
      end = Math.min(end - from + before.length(), line.length());
    }
    StringBuilder out = new StringBuilder(headline()).append('\n');
    out.append("  ").append(line).append('\n').append("  ");
    for (int i = 0; i < start; i++) {
      // Copy tabs so the carets line up under the same characters whatever the tab width.
      out.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
    }
    out.append("^".repeat(Math.max(1, end - start)));
    return out.toString();
  }
}
