package dev.verity.dsl.check;

import dev.verity.dsl.ast.Expr;

/** How the checker's messages quote what was written: a literal as typed, a folded number, a kind of expression. */
final class ValueText {
  private ValueText() {}

  /** How messages name what was written instead. */
  static String describe(Expr e) {
    if (e instanceof Expr.Num n) {
      return Double.isFinite(n.value()) ? n.text()
          : n.text() + ", too large for a number (the largest is about 1.8e308)";
    } else if (dividesByZero(e)) {
      return "an expression that divides by zero";
    } else if (e instanceof Expr.Str) {
      return "a string";
    } else if (e instanceof Expr.Regex) {
      return "a regex";
    } else if (e instanceof Expr.Range r) {
      return "the range " + r.low().text() + ".." + r.high().text();
    } else if (e instanceof Expr.Ref r) {
      return "'" + r.name() + "'";
    } else if (e instanceof Expr.Call c) {
      return "a call to " + c.callee().text() + "(…)";
    } else if (e instanceof Expr.Arrow) {
      return "a change a -> b";
    } else if (e instanceof Expr.With) {
      return "a 'with' clause";
    } else if (e instanceof Expr.If) {
      return "an if expression";
    }
    return "an expression";
  }

  /** Whether some division in {@code e} has a right side that folds to 0 ({@code 10/0}, {@code 1/(2-2)}). */
  private static boolean dividesByZero(Expr e) {
    if (e instanceof Expr.Negate n) {
      return dividesByZero(n.operand());
    }
    if (e instanceof Expr.Binary b) {
      boolean here = b.op() == Expr.BinaryOp.DIV && Values.constant(b.right()).filter(v -> v == 0).isPresent();
      return here || dividesByZero(b.left()) || dividesByZero(b.right());
    }
    return false;
  }

  /** A literal as the user wrote it; a folded value in digits. */
  static String written(Expr e, double value) {
    return e instanceof Expr.Num n ? n.text() : wholeText(value);
  }

  /** A large whole number written out in digits ({@code 100000000000000000000}, not {@code 1.0E20}). */
  static String wholeText(double value) {
    return Double.isInfinite(value) ? (value > 0 ? "a number too large to hold" : "a number too small to hold")
        : new java.math.BigDecimal(value).toBigInteger().toString();
  }

  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
