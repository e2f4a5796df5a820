package dev.verity.engine.reward;

/** The binary operators of reward expressions: comparisons and logic give 1 or 0, x / 0 gives 0, never NaN. */
final class Arithmetic {
  private Arithmetic() {}

  static double apply(RewardExpr.Op op, double x, double y) {
    double v =
        switch (op) {
          case ADD -> x + y;
          case SUB -> x - y;
          case MUL -> x * y;
          case DIV -> y == 0 ? 0 : x / y;
          case EQ -> truth(x == y);
          case NE -> truth(x != y);
          case LT -> truth(x < y);
          case LE -> truth(x <= y);
          case GT -> truth(x > y);
          case GE -> truth(x >= y);
          case AND -> truth(x != 0 && y != 0);
          case OR -> truth(x != 0 || y != 0);
        };
    return Double.isNaN(v) ? 0 : v; // ∞ − ∞ and 0 · ∞ from overflowing constants
  }

  private static double truth(boolean b) {
    return b ? 1 : 0;
  }
}
