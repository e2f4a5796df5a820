package dev.verity.engine.task;

import java.math.BigInteger;

/** An exact fraction in lowest terms with a positive denominator, for checking countdown answers. */
record Rational(BigInteger numerator, BigInteger denominator) {
  Rational {
    if (denominator.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (denominator.signum() < 0) {
      numerator = numerator.negate();
      denominator = denominator.negate();
    }
    BigInteger gcd = numerator.gcd(denominator);
    if (!gcd.equals(BigInteger.ONE)) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
  }

  static Rational of(long value) {
    return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
  }

  Rational plus(Rational o) {
    return new Rational(
        numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)), denominator.multiply(o.denominator));
  }

  Rational minus(Rational o) {
    return plus(new Rational(o.numerator.negate(), o.denominator));
  }

  Rational times(Rational o) {
    return new Rational(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
  }

  /** The quotient; throws {@link ArithmeticException} when {@code o} is zero. */
  Rational dividedBy(Rational o) {
    return new Rational(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
  }

  /** {@code 7}, {@code -2} or {@code 5/3}. */
  @Override
  public String toString() {
    return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
  }
}
