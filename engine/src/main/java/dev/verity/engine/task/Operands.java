package dev.verity.engine.task;

import java.util.SplittableRandom;

/** Random natural numbers with a given count of digits, written without leading zeros. */
final class Operands {
  private Operands() {}

  /** Uniform over the numbers with exactly {@code digits} digits; one digit includes 0. */
  static long draw(SplittableRandom random, int digits) {
    if (digits == 1) {
      return random.nextInt(10);
    }
    long low = pow10(digits - 1);
    return random.nextLong(low, low * 10);
  }

  /** How many numbers have exactly {@code digits} digits: 10 for one (0 included), else 9·10^(digits−1). */
  static long countWithDigits(int digits) {
    return digits == 1 ? 10 : 9 * pow10(digits - 1);
  }

  /**
   * How many ordered pairs of operands two independent draws at {@code levels} digits can give (a prompt per pair),
   * saturating at {@code Long.MAX_VALUE}.
   */
  static long pairs(LevelRange levels) {
    long total = 0;
    for (int a = levels.min(); a <= levels.max(); a++) {
      for (int b = levels.min(); b <= levels.max(); b++) {
        total = saturatedAdd(total, saturatedMultiply(countWithDigits(a), countWithDigits(b)));
      }
    }
    return total;
  }

  static long saturatedMultiply(long x, long y) {
    return y != 0 && x > Long.MAX_VALUE / y ? Long.MAX_VALUE : x * y;
  }

  static long saturatedAdd(long x, long y) {
    return x > Long.MAX_VALUE - y ? Long.MAX_VALUE : x + y;
  }

  static long pow10(int exponent) {
    long p = 1;
    for (int i = 0; i < exponent; i++) {
      p *= 10;
    }
    return p;
  }

  /** The digit {@code place} positions from the right of a decimal string, 0 past its left end. */
  static int digitFromRight(String number, int place) {
    int at = number.length() - 1 - place;
    return at < 0 ? 0 : number.charAt(at) - '0';
  }
}
