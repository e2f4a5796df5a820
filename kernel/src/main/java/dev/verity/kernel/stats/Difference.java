package dev.verity.kernel.stats;

/**
 * The difference of two means, {@code b − a}, with its 95% confidence interval. Runs matched in pairs (the same
 * seed on both sides, so the same start and the same draws) give the paired interval: the mean of the pairs'
 * differences ± t(0.975, n − 1) · sd / √n, which leaves out what the pairs share. Otherwise Welch's t: the
 * standard error √(sa²/na + sb²/nb) and the Welch–Satterthwaite degrees of freedom
 * (sa²/na + sb²/nb)² / ((sa²/na)²/(na − 1) + (sb²/nb)²/(nb − 1)), which do not assume equal variances. When
 * neither sample varies, the interval is the difference itself. Each side needs two values or more; with fewer
 * the interval is NaN.
 */
public record Difference(double estimate, double df, double low, double high) {

  /** Welch's interval for {@code mean(b) − mean(a)}. */
  public static Difference welch(MeanCi a, MeanCi b) {
    double estimate = b.mean() - a.mean();
    if (a.n() < 2 || b.n() < 2) {
      return new Difference(estimate, Double.NaN, Double.NaN, Double.NaN);
    }
    double va = a.varianceOfMean();
    double vb = b.varianceOfMean();
    double se = Math.sqrt(va + vb);
    if (se == 0) { // every run of both gave the same number: no spread to scale a t by
      return new Difference(estimate, Double.NaN, estimate, estimate);
    }
    double df = (va + vb) * (va + vb) / (va * va / (a.n() - 1) + vb * vb / (b.n() - 1));
    double half = MeanCi.tQuantile(df) * se;
    return new Difference(estimate, df, estimate - half, estimate + half);
  }

  /**
   * The paired interval for {@code mean(b) − mean(a)}: {@code a[i]} and {@code b[i]} are one pair, such as the runs
   * of one seed under two settings.
   */
  public static Difference paired(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("pairs need as many values on each side: " + a.length + " and "
          + b.length);
    }
    double[] differences = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      differences[i] = b[i] - a[i];
    }
    MeanCi ci = MeanCi.of(differences);
    if (ci.n() < 2) {
      return new Difference(ci.mean(), Double.NaN, Double.NaN, Double.NaN);
    }
    return new Difference(ci.mean(), ci.n() - 1, ci.low(), ci.high());
  }

  /** Whether the interval is known (both sides had two values or more). */
  public boolean known() {
    return !Double.isNaN(low);
  }

  /** Whether the interval excludes 0: the two means differ at the 95% level. */
  public boolean distinguishable() {
    return known() && (low > 0 || high < 0);
  }
}
