package dev.verity.engine.task;

import java.util.Collection;

/**
 * The step metrics of a set of responses: {@code reflect_rate}, {@code fix_rate} and
 * {@code uncorrected_error_rate}. NaN (written empty) where they do not apply: a task whose steps cannot be
 * checked, no responses, or no corrections for the fix rate.
 */
public record StepRates(double reflectRate, double fixRate, double uncorrectedErrorRate) {
  public static final StepRates NONE = new StepRates(Double.NaN, Double.NaN, Double.NaN);

  /** The rates of {@code facts}, one per response. */
  public static StepRates of(Collection<StepFacts> facts) {
    if (facts.isEmpty()) {
      return NONE;
    }
    double reflecting = 0;
    double corrections = 0;
    double fixes = 0;
    double uncorrected = 0;
    for (StepFacts f : facts) {
      reflecting += f.reflects() ? 1 : 0;
      corrections += f.corrections();
      fixes += f.fixes();
      uncorrected += f.uncorrected() > 0 ? 1 : 0;
    }
    int n = facts.size();
    return new StepRates(reflecting / n, corrections == 0 ? Double.NaN : fixes / corrections, uncorrected / n);
  }
}
