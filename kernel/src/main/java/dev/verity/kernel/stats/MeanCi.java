package dev.verity.kernel.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A sample's mean with its 95% confidence interval: mean ± t(0.975, n − 1) · sd / √n (Student's t), sd the sample
 * standard deviation (divided by n − 1). With one value, sd and the interval are NaN: one run says nothing about
 * the spread.
 */
public record MeanCi(int n, double mean, double sd, double low, double high) {
  /** The two-sided level of every interval here. */
  public static final double LEVEL = 0.95;

  /** The mean and interval of {@code values}, which must hold at least one number and no NaN. */
  public static MeanCi of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a mean needs at least one value");
    }
    if (Arrays.stream(values).anyMatch(Double::isNaN)) {
      throw new IllegalArgumentException("NaN among the values: leave out the runs that lack the metric");
    }
    int n = values.length;
    double mean = Arrays.stream(values).sum() / n;
    if (n == 1) {
      return new MeanCi(1, mean, Double.NaN, Double.NaN, Double.NaN);
    }
    double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    double sd = Math.sqrt(squares / (n - 1));
    double half = tQuantile(n - 1) * sd / Math.sqrt(n);
    return new MeanCi(n, mean, sd, mean - half, mean + half);
  }

  /** The variance of the mean, sd² / n (NaN for one value). */
  double varianceOfMean() {
    return sd * sd / n;
  }

  /** Half the interval's width: the "± h" of "mean ± h". */
  public double halfWidth() {
    return (high - low) / 2;
  }

  /** The t quantile with {@code df} degrees of freedom that a two-sided 95% interval spans either side. */
  static double tQuantile(double df) {
    return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
  }
}
