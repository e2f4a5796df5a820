package dev.verity.kernel.render;

import java.math.BigDecimal;
import java.math.MathContext;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Numbers as a table shows them to a reader: whole numbers whole, others to 4 significant digits without
 * trailing zeros ({@code 2.929}, {@code 0.001}), and 1000 or more rounded to whole ({@code 45961}). Display only:
 * the CSV files keep every digit.
 */
final class NumberText {
  private static final MathContext DIGITS = new MathContext(4);

  private NumberText() {}

  static String of(double v) {
    if (Double.isNaN(v)) {
      return ""; // Tablesaw's missing value: an empty cell, as in the CSV
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    }
    if (Math.abs(v) < 1e15 && (v == Math.rint(v) || Math.abs(v) >= 1000)) {
      return Long.toString(Math.round(v));
    }
    BigDecimal rounded = new BigDecimal(v).round(DIGITS).stripTrailingZeros();
    return Math.abs(v) >= 1e-4 ? rounded.toPlainString() : rounded.toString().replace('E', 'e');
  }

  /** A Tablesaw print formatter that writes {@link #of}. */
  static NumberColumnFormatter formatter() {
    return new NumberColumnFormatter() {
      @Override
      public String format(double value) {
        return of(value);
      }

      @Override
      public String format(float value) {
        return of(value);
      }
    };
  }
}
