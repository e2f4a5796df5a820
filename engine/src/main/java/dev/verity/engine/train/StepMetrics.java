package dev.verity.engine.train;

import java.util.List;

/**
 * One row of metrics.csv: what a training step did. Metrics that do not apply to a stage (reward in SFT) are
 * NaN and written empty. {@code tokens_per_s} and {@code elapsed_s} are wall-clock measurements; every other
 * value is a pure function of the seed.
 */
public record StepMetrics(
    String stage,
    long step,
    double rewardMean,
    double accuracy,
    double responseLenMean,
    double responseLenP90,
    double kl,
    double entropy,
    double loss,
    double lr,
    double gradNorm,
    double fracZeroStd,
    double tokensPerS,
    double elapsedS) {

  /** The column names, in order, exactly as in metrics.csv. */
  public static final List<String> COLUMNS =
      List.of(
          "stage", "step", "reward_mean", "accuracy", "response_len_mean", "response_len_p90", "kl", "entropy",
          "loss", "lr", "grad_norm", "frac_zero_std", "tokens_per_s", "elapsed_s");

  /** Columns measured with a clock, which replays do not compare. */
  public static final List<String> TIMING = List.of("tokens_per_s", "elapsed_s");

  /** The numeric values in column order (after stage). */
  public double[] values() {
    return new double[] {
      step, rewardMean, accuracy, responseLenMean, responseLenP90, kl, entropy, loss, lr, gradNorm,
      fracZeroStd, tokensPerS, elapsedS
    };
  }

  /** The value of a numeric column by its name. */
  public double value(String column) {
    int i = COLUMNS.indexOf(column);
    if (i < 1) {
      throw new IllegalArgumentException("no numeric metric " + column);
    }
    return values()[i - 1];
  }

  /** A supervised step: loss and optimiser figures only. */
  public static StepMetrics sft(
      String stage, long step, double loss, double lr, double gradNorm, double tokensPerS, double elapsedS) {
    double n = Double.NaN;
    return new StepMetrics(stage, step, n, n, n, n, n, n, loss, lr, gradNorm, n, tokensPerS, elapsedS);
  }
}
