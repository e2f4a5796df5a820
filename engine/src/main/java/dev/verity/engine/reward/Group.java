package dev.verity.engine.reward;

import dev.verity.engine.task.Task;
import java.util.List;

/**
 * One prompt's group of rollouts as a reward sees it: the rollouts, the task whose verifier answer terms use
 * (null: the standard extraction), and the step within the stage, for schedules.
 */
public record Group(List<Rollout> rollouts, Task task, long step, long totalSteps) {
  public Group {
    rollouts = List.copyOf(rollouts);
  }

  public int size() {
    return rollouts.size();
  }

  /** Each rollout's length in tokens. */
  public int[] lengths() {
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rollouts.get(i).tokens();
    }
    return out;
  }
}
