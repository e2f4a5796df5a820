package dev.verity.engine.task;

/**
 * Upper bounds on countdown prompt and trace lengths, from the rules {@link CountdownBuilder} builds by.
 *
 * <p>The prompt bound is reached when every given number and the target have their most digits. Trace bounds
 * follow the builder's splits: a node worth at most V has a left child worth at most max(V + M, 10·V) (a
 * difference or quotient) and a right child worth at most max(V, M), M the largest given number; a node over k
 * leaves is also worth at most M^k. Taking the worst tree shape over these bounds never under-estimates; the real
 * maximum is usually a few characters less, since no single puzzle has every value at its bound.
 */
final class CountdownLengths {
  private final int numbers;
  private final long maxNumber;
  private final long maxTarget;

  CountdownLengths(LevelRange levels, LevelRange target) {
    this.numbers = levels.max();
    this.maxNumber = CountdownBuilder.maxNumber(target);
    this.maxTarget = target.max();
  }

  /** {@code n,n,…,n:t=} with every number of the most digits. */
  int prompt() {
    return numbers * (Example.digits(maxNumber) + 1) + Example.digits(maxTarget) + 1;
  }

  /** The longest trace over solutions of 2..numbers leaves (the builder uses that many of the given numbers). */
  int trace(TraceStyle style) {
    int longest = 0;
    for (int leaves = 2; leaves <= numbers; leaves++) {
      int trace = switch (style) {
        case DIRECT -> expression(leaves);
        case SCRATCHPAD -> steps(leaves, maxTarget) + 1 + expression(leaves);
        case VERBOSE -> steps(leaves, maxTarget) + notes(leaves) + 1 + expression(leaves);
        case REFLECT -> throw new IllegalArgumentException("countdown writes no reflect traces");
      };
      longest = Math.max(longest, trace);
    }
    return longest;
  }

  /** Leaves of the most digits, an operator between each two, parentheses around every inner operation. */
  private int expression(int leaves) {
    return leaves * Example.digits(maxNumber) + (leaves - 1) + 2 * (leaves - 2);
  }

  /** The longest {@code a op b=v|} steps of a tree over {@code leaves} worth at most {@code value}. */
  private int steps(int leaves, long value) {
    if (leaves == 1) {
      return 0;
    }
    long left = leftBound(value);
    long right = Math.max(value, maxNumber);
    int longest = 0;
    for (int l = 1; l < leaves; l++) {
      int r = leaves - l;
      int step = width(l, left) + 1 + width(r, right) + 1 + width(leaves, value) + 1;
      longest = Math.max(longest, step + steps(l, left) + steps(r, right));
    }
    return longest;
  }

  /** {@code  left a,b,…} after each step: the pool of numbers shrinks by one per step. */
  private int notes(int leaves) {
    int widest = Math.max(Example.digits(maxNumber), widest(leaves - 1, maxTarget, 0));
    int notes = 0;
    for (int step = 1; step < leaves; step++) {
      int pool = numbers - step;
      notes += " left ".length() + pool * widest + (pool - 1);
    }
    return notes;
  }

  /** The widest value of any node below the root of a tree of {@code depth} more levels. */
  private int widest(int depth, long value, int level) {
    if (depth == 0) {
      return 0;
    }
    long child = Math.max(leftBound(value), Math.max(value, maxNumber));
    return Math.max(width(numbers - 1 - level, child), widest(depth - 1, child, level + 1));
  }

  private long leftBound(long value) {
    return saturate(Math.max(value + maxNumber, 10 * (double) value));
  }

  /** Digits of a node over {@code leaves} worth at most {@code value}, and at most maxNumber^leaves. */
  private int width(int leaves, long value) {
    double power = Math.pow(maxNumber, Math.max(1, leaves));
    return Example.digits(Math.min(value, saturate(power)));
  }

  private static long saturate(double v) {
    return v >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) v;
  }
}
