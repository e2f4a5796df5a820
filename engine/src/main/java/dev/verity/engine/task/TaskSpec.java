package dev.verity.engine.task;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Param;
import java.util.Optional;

/**
 * A declared task: which kind, with which arguments. {@code count > 0} makes it a frozen set of that many
 * problems drawn once from the experiment's seed (an evaluation set); {@code count == 0} is an endless generator.
 */
public record TaskSpec(TaskType type, Args args, int count) {
  /** The parameter every task takes besides its own: how many problems a frozen set holds. */
  public static final Param COUNT = Param.whole("count").atLeast(0).byDefault(0)
      .doc("0: an endless generator; N > 0: a frozen set of N problems drawn once from the seed, whose prompts"
          + " training on the same generator never draws: an evaluation set, which no stage trains on (a fixed"
          + " training set is an rl stage's pool)");

  /** An endless generator of {@code type} with these arguments by name, defaults for the rest. */
  public static TaskSpec of(TaskType type, Object... namesAndValues) {
    return new TaskSpec(type, type.args(namesAndValues), 0);
  }

  /** The same task as a frozen set of {@code count} problems. */
  public TaskSpec withCount(int count) {
    return new TaskSpec(type, args, count);
  }

  /** The task's difficulty knob at these arguments; empty when it has none. */
  public Optional<Knob> knob() {
    return type.knob(args);
  }

  /**
   * The endless generator behind the spec (draw a frozen set from it with {@link FrozenSet}). A path argument
   * must already be resolved against the experiment's folder.
   *
   * @throws IllegalArgumentException when a setting is out of range, with a message naming it and the fix
   * @throws TaskDataException when a data file is missing or malformed
   */
  public Task create() {
    return type.create(args);
  }
}
