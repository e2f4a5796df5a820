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
