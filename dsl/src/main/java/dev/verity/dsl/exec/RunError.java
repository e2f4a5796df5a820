package dev.verity.dsl.exec;

import dev.verity.dsl.ast.Span;

/**
 * A statement that checked but failed while running (a checkpoint that is not there, a data file that went
 * bad, a character the model's alphabet lacks): the place and a message that says what to do.
 */
public final class RunError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Span span;

  public RunError(Span span, String message) {
    super(message, null, false, false);
    this.span = span;
  }

  public Span span() {
    return span;
  }
}
