package dev.verity.engine.catalog;

import java.util.Locale;

/** Limits on a numeric value: {@code [min, max]}, either end open or absent (infinite). */
public record Bound(double min, boolean minOpen, double max, boolean maxOpen) {
  public static final Bound NONE =
      new Bound(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

  public static Bound atLeast(double min) {
    return new Bound(min, false, Double.POSITIVE_INFINITY, false);
  }

  public static Bound above(double min) {
    return new Bound(min, true, Double.POSITIVE_INFINITY, false);
  }

  public static Bound between(double min, double max) {
    return new Bound(min, false, max, false);
  }

  /** {@code (min, max)}. */
  public static Bound strictlyBetween(double min, double max) {
    return new Bound(min, true, max, true);
  }

  /** {@code (min, max]}. */
  public static Bound aboveUpTo(double min, double max) {
    return new Bound(min, true, max, false);
  }

  public boolean contains(double value) {
    boolean low = minOpen ? value > min : value >= min;
    boolean high = maxOpen ? value < max : value <= max;
    return low && high;
  }

  public boolean isNone() {
    return equals(NONE);
  }

  /** {@code ≥ 1}, {@code > 0}, {@code 1..12}, {@code in (0, 1]}. */
  public String describe() {
    boolean hasMin = min != Double.NEGATIVE_INFINITY;
    boolean hasMax = max != Double.POSITIVE_INFINITY;
    if (hasMin && hasMax) {
      return !minOpen && !maxOpen
          ? format(min) + ".." + format(max)
          : "in " + (minOpen ? "(" : "[") + format(min) + ", " + format(max) + (maxOpen ? ")" : "]");
    }
    if (hasMin) {
      return (minOpen ? "> " : "≥ ") + format(min);
    }
    if (hasMax) {
      return (maxOpen ? "< " : "≤ ") + format(max);
    }
    return "any";
  }

  public static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }
}
