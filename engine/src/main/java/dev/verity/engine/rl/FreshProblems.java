package dev.verity.engine.rl;

import dev.verity.engine.rng.Seeds;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import java.util.ArrayList;
import java.util.List;

/** Uniform: fresh problems from the task's generator; problem i of step s from stream (seed, stage, s, i, −1). */
public final class FreshProblems implements ProblemSource {
  private final long seed;
  private final int stageIndex;

  public FreshProblems(long seed, int stageIndex) {
    this.seed = seed;
    this.stageIndex = stageIndex;
  }

  @Override
  public List<Problem> draw(long step, int count, Task task) {
    List<Problem> problems = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      problems.add(task.generate(Seeds.stream(seed, stageIndex, step, i, -1)));
    }
    return problems;
  }
}
