package dev.verity.engine.eval;

import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import java.util.List;

/** A frozen set of problems to evaluate on, how to sample, and how often during a stage (0: never). */
public record EvalSet(String name, Task task, List<Problem> problems, SamplingSpec sampling, int every) {}
