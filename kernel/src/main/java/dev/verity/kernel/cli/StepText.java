package dev.verity.kernel.cli;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StepMetrics;
import java.util.Locale;

/** A training step and an evaluation as short text, the same for the progress bar and for log lines. */
final class StepText {
  private StepText() {}

  /** What moved in this step: loss for SFT; reward, accuracy and length for RL; then throughput. */
  static String figures(String kind, StepMetrics m) {
    String figures = kind.equals("sft")
        ? String.format(Locale.ROOT, "loss %.4f  lr %.2e", m.loss(), m.lr())
        : String.format(Locale.ROOT, "reward %.3f  accuracy %.3f  length %.1f", m.rewardMean(), m.accuracy(),
            m.responseLenMean());
    return figures + "  " + throughput(m.tokensPerS());
  }

  static String throughput(double tokensPerS) {
    return tokensPerS >= 10_000
        ? String.format(Locale.ROOT, "%.1fk tok/s", tokensPerS / 1000)
        : String.format(Locale.ROOT, "%.0f tok/s", tokensPerS);
  }

  static String eval(EvalReport r) {
    return String.format(Locale.ROOT, "eval %s after step %d: accuracy %.3f, pass@%d %.3f, length %.1f", r.task(),
        r.step(), r.overall().accuracy(), r.k(), r.overall().passAtK(), r.overall().responseLenMean());
  }
}
