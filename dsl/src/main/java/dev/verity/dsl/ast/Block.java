package dev.verity.dsl.ast;

import java.util.List;

/** {@code { key: value … }}: a stage's settings. */
public record Block(List<Setting> settings, Span span) {

  /** {@code steps: 2000}; {@code value} may be an {@link Expr.With} for {@code eval:}. */
  public record Setting(Name key, Expr value, Span span) {}
}
