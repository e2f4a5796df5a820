package dev.verity.engine.task;

import java.util.List;

/** A countdown expression: numbers combined by {@code + - * /}. */
sealed interface CountdownExpr permits CountdownExpr.Num, CountdownExpr.Op {
  /** The exact value; throws {@link ArithmeticException} on division by zero. */
  Rational value();

  /** Written with the fewest parentheses that keep its meaning, e.g. {@code (50-25)*4}. */
  String render();

  /** Appends the numbers it uses, left to right. */
  void collectNumbers(List<Long> into);

  /** A given number. */
  record Num(long number) implements CountdownExpr {
    @Override
    public Rational value() {
      return Rational.of(number);
    }

    @Override
    public String render() {
      return Long.toString(number);
    }

    @Override
    public void collectNumbers(List<Long> into) {
      into.add(number);
    }
  }

  /** {@code left op right} with {@code op} one of {@code + - * /}. */
  record Op(char op, CountdownExpr left, CountdownExpr right) implements CountdownExpr {
    public Op {
      if ("+-*/".indexOf(op) < 0) {
        throw new IllegalArgumentException("unknown operator " + op);
      }
    }

    @Override
    public Rational value() {
      Rational a = left.value();
      Rational b = right.value();
      return switch (op) {
        case '+' -> a.plus(b);
        case '-' -> a.minus(b);
        case '*' -> a.times(b);
        default -> a.dividedBy(b);
      };
    }

    @Override
    public String render() {
      // The right operand of - and / needs parentheses at equal precedence: 8-(3-1) is not 8-3-1.
      boolean wrapLeft = precedence(left) < precedence(this);
      boolean wrapRight =
          precedence(right) < precedence(this)
              || (precedence(right) == precedence(this) && (op == '-' || op == '/'));
      return wrap(left.render(), wrapLeft) + op + wrap(right.render(), wrapRight);
    }

    @Override
    public void collectNumbers(List<Long> into) {
      left.collectNumbers(into);
      right.collectNumbers(into);
    }

    private static int precedence(CountdownExpr e) {
      return e instanceof Op o ? (o.op == '+' || o.op == '-' ? 1 : 2) : 3;
    }

    private static String wrap(String text, boolean parens) {
      return parens ? "(" + text + ")" : text;
    }
  }
}
