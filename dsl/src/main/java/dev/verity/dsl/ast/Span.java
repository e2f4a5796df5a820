package dev.verity.dsl.ast;

/**
 * A place in a source: 1-based line and column of the first character, and of the character just after the last
 * one ({@code endColumn} is exclusive). {@code file} names the source, e.g. {@code long-cot.verity} or
 * {@code --set rl.steps} for an override's value.
 */
public record Span(String file, int line, int column, int endLine, int endColumn) {

  /** From the start of this span to the end of {@code last}. */
  public Span to(Span last) {
    return new Span(file, line, column, last.endLine, last.endColumn);
  }

  /** {@code line:column}, as diagnostics print it. */
  public String position() {
    return line + ":" + column;
  }
}
