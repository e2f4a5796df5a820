package dev.verity.dsl.check;

import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskDataException;
import dev.verity.engine.task.TaskSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks of one compilation, built once each: building a jsonl task reads and validates its file, which the
 * checker needs for the task statement's data errors, the context fits and the models' alphabets.
 */
final class TaskData {
  /** What building a spec gave: the task, or why it could not be built. */
  private record Built(Optional<Task> task, Optional<RuntimeException> failure) {}

  private final Map<TaskSpec, Built> built = new HashMap<>();

  /** The task, or empty when its data is bad (reported at the task statement, see {@link #failure}). */
  Optional<Task> task(TaskSpec spec) {
    return build(spec).task();
  }

  /** Why the task cannot be built: a {@link TaskDataException} naming the data line, or a bad setting. */
  Optional<RuntimeException> failure(TaskSpec spec) {
    return build(spec).failure();
  }

  /** The tasks built without error, by spec. */
  Map<TaskSpec, Task> built() {
    Map<TaskSpec, Task> tasks = new HashMap<>();
    built.forEach((spec, b) -> b.task().ifPresent(t -> tasks.put(spec, t)));
    return tasks;
  }

  private Built build(TaskSpec spec) {
    return built.computeIfAbsent(spec, s -> {
      try {
        return new Built(Optional.of(s.create()), Optional.empty());
      } catch (IllegalArgumentException | TaskDataException e) {
        return new Built(Optional.empty(), Optional.of(e));
      }
    });
  }
}
