package dev.verity.kernel.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Intervals against values worked out by hand from the formulas, with t quantiles from a printed table
 * (t(0.975, 4) = 2.776445, t(0.975, 2) = 4.302653) and, for a fractional df, from SciPy's {@code t.ppf}.
 */
class StatsTest {
  private static final double EPS = 1e-6;

  @Test
  void meanAndIntervalOfFiveValues() {
    // mean 3; sd = √(10/4) = 1.581139; half width 2.776445 · 1.581139 / √5 = 1.963243
    MeanCi ci = MeanCi.of(1, 2, 3, 4, 5);
    assertEquals(5, ci.n());
    assertEquals(3, ci.mean(), EPS);
    assertEquals(1.581139, ci.sd(), EPS);
    assertEquals(1.036757, ci.low(), EPS);
    assertEquals(4.963243, ci.high(), EPS);
  }

  @Test
  void threeAccuraciesUseTwoDegreesOfFreedom() {
    // 0.43, 0.31, 0.36: mean 0.366667, sd 0.060277, half width 4.302653 · 0.060277 / √3 = 0.149737
    MeanCi ci = MeanCi.of(0.43, 0.31, 0.36);
    assertEquals(0.366667, ci.mean(), EPS);
    assertEquals(0.060277, ci.sd(), EPS);
    assertEquals(0.149737, ci.halfWidth(), EPS);
  }

  @Test
  void oneValueHasNoInterval() {
    MeanCi ci = MeanCi.of(0.61);
    assertEquals(0.61, ci.mean());
    assertTrue(Double.isNaN(ci.sd()) && Double.isNaN(ci.low()) && Double.isNaN(ci.high()));
  }

  @Test
  void nanAndEmptyAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> MeanCi.of());
    assertThrows(IllegalArgumentException.class, () -> MeanCi.of(1, Double.NaN));
  }

  @Test
  void welchWithEqualSizesAndVariancesHasTheirPooledDegreesOfFreedom() {
    // {1,2,3} vs {4,5,6}: difference 3, se = √(1/3 + 1/3) = 0.816497, df = (2/3)² / (2 · (1/3)² / 2) = 4,
    // half width 2.776445 · 0.816497 = 2.266958
    Difference d = Difference.welch(MeanCi.of(1, 2, 3), MeanCi.of(4, 5, 6));
    assertEquals(3, d.estimate(), EPS);
    assertEquals(4, d.df(), EPS);
    assertEquals(0.733042, d.low(), EPS);
    assertEquals(5.266958, d.high(), EPS);
    assertTrue(d.distinguishable());
  }

  @Test
  void welchWithUnequalVariancesHasFractionalDegreesOfFreedom() {
    // {1..5} vs {2,4,6}: sa²/na = 0.5, sb²/nb = 4/3; df = (11/6)² / (0.5²/4 + (4/3)²/2) = 3.532847;
    // t(0.975, 3.532847) = 2.927405 (SciPy); half width 2.927405 · √(11/6) = 3.963726
    Difference d = Difference.welch(MeanCi.of(1, 2, 3, 4, 5), MeanCi.of(2, 4, 6));
    assertEquals(1, d.estimate(), EPS);
    assertEquals(3.532847, d.df(), EPS);
    assertEquals(-2.963726, d.low(), EPS);
    assertEquals(4.963726, d.high(), EPS);
    assertFalse(d.distinguishable(), "the interval contains 0");
  }

  @Test
  void samplesWithoutSpreadDifferExactlyByTheirMeans() {
    assertTrue(Difference.welch(MeanCi.of(1, 1), MeanCi.of(0.5, 0.5)).distinguishable());
    Difference same = Difference.welch(MeanCi.of(1, 1, 1), MeanCi.of(1, 1));
    assertEquals(0, same.low());
    assertFalse(same.distinguishable());
  }

  @Test
  void oneRunOnASideLeavesTheDifferenceUnknown() {
    Difference d = Difference.welch(MeanCi.of(0.5), MeanCi.of(0.4, 0.6));
    assertFalse(d.known());
    assertFalse(d.distinguishable());
    assertEquals(0, d.estimate(), EPS);
  }
}
