package dev.verity.engine.train;

import dev.verity.engine.eval.EvalReport;

/** What a training stage tells its caller as it goes, and how the caller asks it to stop. */
public interface StageListener {
  /** After each step, in order. */
  default void onStep(StepMetrics metrics) {}

  /** After each periodic evaluation. */
  default void onEval(EvalReport report) {}

  /** Checked after every step: true ends the stage after the step in flight. */
  default boolean stopRequested() {
    return false;
  }

  StageListener NONE = new StageListener() {};
}
