package dev.verity.engine.train;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.rl.ScoredRollout;
import java.nio.file.Path;
import java.util.List;

/** What a training stage tells its caller as it goes, and how the caller asks it to stop. */
public interface StageListener {
  /** After each step, in order. */
  default void onStep(StepMetrics metrics) {}

  /** The rollouts of an RL step, before {@link #onStep} for that step. */
  default void onRollouts(String stage, long step, List<ScoredRollout> rollouts) {}

  /** After each checkpoint written by the stage. */
  default void onCheckpoint(Path file, long nextStep) {}

  /** After each periodic evaluation. */
  default void onEval(EvalReport report) {}

  /** Checked after every step: true ends the stage after the step in flight. */
  default boolean stopRequested() {
    return false;
  }

  StageListener NONE = new StageListener() {};
}
