package dev.verity.engine.eval;

import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import java.util.List;

/** A frozen set of problems to evaluate on, how to sample, and how often during a stage (0: never). */
public record EvalSet(String name, Task task, List<Problem> problems, SamplingSpec sampling, int every) {
  /** Problems an evaluation draws from an endless task when no count is given. */
  public static final int DEFAULT_COUNT = 256;

  /** How an evaluation samples when it names no sampling: greedy, the default response limit. */
  public static final SamplingSpec DEFAULT_SAMPLING = SamplingSpec.greedy(SamplingSpec.DEFAULT_MAX_TOKENS);
}
