package dev.verity.dsl.plan;

import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import java.util.List;
import java.util.Map;

/**
 * A checked cell: the steps to run in order, each with everything the executor needs and its source span, and the
 * tasks the checker built for them (a jsonl task has read and validated its file), so a run does not build them
 * again; {@code markers}, per model, the characters its stages here train it to write beyond its tasks' (reflect's
 * correction mark), which its alphabet includes when its weights are made in this plan.
 */
public record Plan(List<Action> steps, Map<TaskSpec, Task> tasks, Map<String, String> markers) {
  public Plan {
    steps = List.copyOf(steps);
    tasks = Map.copyOf(tasks);
    markers = Map.copyOf(markers);
  }

  public Plan(List<Action> steps) {
    this(steps, Map.of(), Map.of());
  }
}
