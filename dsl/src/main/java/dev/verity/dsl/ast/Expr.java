package dev.verity.dsl.ast;

import java.util.List;
import java.util.Optional;

/** A value as written: numbers, strings, ranges, arrows, calls, names and operators, each with its place. */
public sealed interface Expr
    permits Expr.Num,
        Expr.Str,
        Expr.Regex,
        Expr.Range,
        Expr.Ref,
        Expr.Call,
        Expr.Binary,
        Expr.Negate,
        Expr.Arrow,
        Expr.If,
        Expr.With {

  Span span();

  /** {@code 1e-3}, {@code 42}; {@code text} as written. */
  record Num(double value, String text, Span span) implements Expr {
    public boolean isWhole() {
      return value == Math.rint(value) && !Double.isInfinite(value);
    }
  }

  /** {@code "data/problems.jsonl"}, escapes resolved. */
  record Str(String value, Span span) implements Expr {}

  /** {@code re"^[0-9]+$"}: the pattern exactly as written between the quotes. */
  record Regex(String pattern, Span span) implements Expr {}

  /** {@code 2..6}. */
  record Range(Num low, Num high, Span span) implements Expr {}

  /** A bare name: a declared name, or a built-in used without arguments ({@code failure_rate}, {@code len}). */
  record Ref(String name, Span span) implements Expr {}

  /** {@code addition(digits: 2..6)}. */
  record Call(Name callee, List<Arg> args, Span span) implements Expr {}

  /** One argument of a call; positional when {@code name} is empty. */
  record Arg(Optional<Name> name, Expr value, Span span) {}

  record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

  record Negate(Expr operand, Span span) implements Expr {}

  /** {@code 1e-3 -> 1e-4}, {@code 2..3 -> 2..6}. */
  record Arrow(Expr from, Expr to, Span span) implements Expr {}

  /** {@code if c then a else b}. */
  record If(Expr condition, Expr then, Expr otherwise, Span span) implements Expr {}

  /** A setting's {@code add_test with greedy every 25}: a task, how to sample it, and how often. */
  record With(Expr task, Optional<Expr> sampling, Optional<Expr> every, Span span) implements Expr {}

  enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    AND("and"), OR("or");

    private final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean isComparison() {
      return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }
  }
}
