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

  /** Headline, the source line, and a caret line under the span. */
  public String render() {
    StringBuilder out = new StringBuilder(headline()).append('\n');
    out.append("  ").append(sourceLine).append('\n').append("  ");
    int start = span.column() - 1;
    for (int i = 0; i < start; i++) {
      // Copy tabs so the carets line up under the same characters whatever the tab width.
      out.append(i < sourceLine.length() && sourceLine.charAt(i) == '\t' ? '\t' : ' ');
    }
    int end = span.endLine() == span.line() ? span.endColumn() - 1 : sourceLine.length();
    out.append("^".repeat(Math.max(1, end - start)));
    return out.toString();
  }
}
