package dev.verity.engine.rl;

import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.TaskSpec;

/** {@code eval: add_test with greedy every 25}; {@code name} is the task's name in the experiment. */
public record PeriodicEval(String name, TaskSpec task, SamplingSpec sampling, int every) {}
