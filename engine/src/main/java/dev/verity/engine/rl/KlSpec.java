package dev.verity.engine.rl;

import dev.verity.engine.optim.Schedule;

/** A KL penalty: {@code k3(0.01, to: reference)}. */
public record KlSpec(Estimator estimator, Schedule coefficient, Target target) {
  /** k1 = log(π/π_ref), k2 = ½(log(π/π_ref))², k3 = π_ref/π − log(π_ref/π) − 1. */
  public enum Estimator {
    K1, K2, K3
  }

  /** The frozen policy at the start of the stage, or the last iterate. */
  public enum Target {
    REFERENCE, PREVIOUS
  }
}
