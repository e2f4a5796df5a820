package dev.verity.engine.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds solvable countdown puzzles backwards from the target, so every problem has a solution and the target is
 * uniform over its range.
 *
 * <p>The target is split into {@code left op right} with an operator drawn at random (a sum of two positive parts,
 * a difference, a product of two factors ≥ 2, or a quotient by 2..10), and each side is split again until the
 * chosen number of leaves remain; leaves must lie in 1..{@link #maxNumber}. Every intermediate value is therefore a
 * positive integer. The numbers not used by the solution are drawn uniformly from the same range.
 */
final class CountdownBuilder {
  /** Tree-building calls per puzzle before the plain fallback (never reached in practice). */
  private static final int BUDGET = 5_000;
  private static final int SPLIT_TRIES = 8;

  private final SplittableRandom random;
  private final long maxNumber;
  private int budget;

  private CountdownBuilder(SplittableRandom random, long maxNumber) {
    this.random = random;
    this.maxNumber = maxNumber;
  }

  /** The largest given number for a target range: 100, or the largest target when that is more. */
  static long maxNumber(LevelRange target) {
    return Math.max(100, target.max());
  }

  /** A puzzle with {@code count} given numbers and a target in {@code target}, with one reference solution. */
  static Built build(SplittableRandom random, int count, LevelRange target) {
    CountdownBuilder builder = new CountdownBuilder(random, maxNumber(target));
    long goal = target.min() + random.nextInt(target.width());
    int used = 2 + random.nextInt(count - 1);
    builder.budget = BUDGET;
    CountdownExpr solution = builder.build(goal, used);
    if (solution == null) {
      solution = timesOnes(goal, used);
    }
    List<Long> numbers = new ArrayList<>();
    solution.collectNumbers(numbers);
    while (numbers.size() < count) {
      numbers.add(builder.distractor(goal));
    }
    for (int i = numbers.size() - 1; i > 0; i--) { // Fisher–Yates, so the solution's numbers are not up front
      Collections.swap(numbers, i, random.nextInt(i + 1));
    }
    return new Built(new CountdownPuzzle(numbers, goal), solution);
  }

  /** A generated puzzle and the solution it was built from. */
  record Built(CountdownPuzzle puzzle, CountdownExpr solution) {}

  /** An expression worth {@code value} over {@code leaves} numbers, or null when the budget runs out. */
  private CountdownExpr build(long value, int leaves) {
    if (leaves == 1) {
      return value >= 1 && value <= maxNumber ? new CountdownExpr.Num(value) : null;
    }
    for (int attempt = 0; attempt < SPLIT_TRIES && budget-- > 0; attempt++) {
      int left = 1 + random.nextInt(leaves - 1);
      CountdownExpr e = split(value, left, leaves - left);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private CountdownExpr split(long value, int leftLeaves, int rightLeaves) {
    char op = "+-*/".charAt(random.nextInt(4));
    long a;
    long b;
    switch (op) {
      case '+' -> {
        if (value < 2) {
          return null;
        }
        a = 1 + random.nextLong(value - 1);
        b = value - a;
      }
      case '-' -> {
        long room = leftLeaves == 1 ? maxNumber - value : maxNumber; // a single leaf a = value + b must fit
        if (room < 1) {
          return null;
        }
        b = 1 + random.nextLong(room);
        a = value + b;
      }
      case '*' -> {
        a = divisor(value);
        if (a < 0) {
          return null;
        }
        b = value / a;
      }
      default -> {
        long most = leftLeaves == 1 ? Math.min(10, maxNumber / value) : 10;
        if (most < 2) {
          return null;
        }
        b = 2 + random.nextInt((int) most - 1);
        a = value * b;
      }
    }
    CountdownExpr left = build(a, leftLeaves);
    CountdownExpr right = left == null ? null : build(b, rightLeaves);
    return right == null ? null : new CountdownExpr.Op(op, left, right);
  }

  /** A random divisor d of {@code value} with 2 ≤ d ≤ value/2, or -1 when value is 1 or prime. */
  private long divisor(long value) {
    List<Long> divisors = new ArrayList<>();
    for (long d = 2; d * d <= value; d++) {
      if (value % d == 0) {
        divisors.add(d);
        divisors.add(value / d);
      }
    }
    return divisors.isEmpty() ? -1 : divisors.get(random.nextInt(divisors.size()));
  }

  /** A number the solution does not need; never the target itself, which would make the puzzle trivial. */
  private long distractor(long goal) {
    long n;
    do {
      n = 1 + random.nextLong(maxNumber);
    } while (n == goal);
    return n;
  }

  /** goal*1*1…: a valid, dull solution for the unreachable case where random splitting keeps failing. */
  private static CountdownExpr timesOnes(long goal, int leaves) {
    CountdownExpr e = new CountdownExpr.Num(goal);
    for (int i = 1; i < leaves; i++) {
      e = new CountdownExpr.Op('*', e, new CountdownExpr.Num(1));
    }
    return e;
  }
}
