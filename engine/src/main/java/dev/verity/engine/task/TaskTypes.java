package dev.verity.engine.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tasks an experiment can name. A new built-in task is one class with its {@code TYPE} and one line in
 * {@link #BUILT_IN}; code outside Verity adds its own with {@link #register}.
 */
public final class TaskTypes {
  private TaskTypes() {}

  /** Every built-in task, in the order the reference lists them. */
  public static final List<TaskType> BUILT_IN = List.of(
      AdditionTask.TYPE, MultiplicationTask.TYPE, CountdownTask.TYPE, ModchainTask.TYPE, JsonlTask.TYPE);

  private static final List<TaskType> REGISTERED = new CopyOnWriteArrayList<>();

  /** A task registered with {@link #register}; closing it removes the task again. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Makes {@code type} nameable next to the built-ins, from now until the registration is closed.
   *
   * @throws IllegalArgumentException when a task of that name exists already
   */
  public static Registration register(TaskType type) {
    if (find(type.name()).isPresent()) {
      throw new IllegalArgumentException("a task named '" + type.name() + "' exists already");
    }
    REGISTERED.add(type);
    return () -> REGISTERED.remove(type);
  }

  /** The built-in tasks, then the registered ones. */
  public static List<TaskType> all() {
    List<TaskType> all = new ArrayList<>(BUILT_IN);
    all.addAll(REGISTERED);
    return all;
  }

  public static Optional<TaskType> find(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The task named, for code that knows it exists. */
  public static TaskType named(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("no task '" + name + "'"));
  }
}
