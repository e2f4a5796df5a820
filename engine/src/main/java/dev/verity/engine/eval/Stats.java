package dev.verity.engine.eval;

import java.util.Arrays;

/** Small summary statistics used by metrics and evaluations. */
public final class Stats {
  private Stats() {}

  public static double mean(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The 90th percentile by the nearest-rank method: a value that occurred. */
  public static double p90(double[] values) {
    return percentile(values, 0.9);
  }

  public static double percentile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
