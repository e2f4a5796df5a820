package dev.verity.engine.train;

import java.util.Locale;

/**
 * Training produced a loss that is not a finite number: the weights are NaN now too, so the stage stops. Callers
 * phrase the remedy in their own vocabulary (the DSL names its settings).
 */
public final class TrainingDiverged extends IllegalStateException {
  private final String stage;
  private final long step;
  private final double loss;

  public TrainingDiverged(String stage, long step, double loss) {
    super(String.format(Locale.ROOT, "training diverged: the loss became %s at step %d of %s", loss, step, stage));
    this.stage = stage;
    this.step = step;
    this.loss = loss;
  }

  public String stage() {
    return stage;
  }

  public long step() {
    return step;
  }

  public double loss() {
    return loss;
  }
}
