package dev.verity.engine.user;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.ArgumentException;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.task.Knob;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskDataException;
import dev.verity.engine.task.TaskType;
import java.util.List;
import java.util.Optional;

/**
 * The definition of a task written in Java: the user's own {@link TaskType} (its parameters, knob and factory),
 * whose tasks come out with their verifier guarded ({@link UserTask}). A factory's unexpected exception becomes an
 * {@link IllegalArgumentException} naming the class, which the checker reports at the call; a factory or knob
 * that runs past the guard's limit throws {@link UserCodeOverrun}.
 *
 * @param className the class as named in {@code java("…")}
 */
public record UserTaskType(TaskType type, String className, UserCode guard) implements TaskType {
  @Override
  public String name() {
    return type.name();
  }

  @Override
  public String doc() {
    return type.doc();
  }

  @Override
  public List<Param> params() {
    return type.params();
  }

  @Override
  public Optional<Knob> knob(Args args) {
    return guard.require(className + "'s knob", () -> type.knob(args));
  }

  @Override
  public Task create(Args args) {
    Task task;
    try {
      task = guard.require(className + "'s factory", () -> type.create(args));
    } catch (ArgumentException | TaskDataException | UserCodeOverrun e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(className + "'s factory failed: " + e, e);
    }
    if (task == null) {
      throw new IllegalArgumentException(className + "'s factory returned null: make it return the task");
    }
    return new UserTask(task, guard);
  }
}
