package dev.verity.engine.task;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Definition;
import java.util.Optional;

/**
 * The definition of a kind of task — its name, parameters with limits and defaults, documentation, difficulty
 * knob and factory — from which a front end derives everything it needs. Built-in generators are
 * {@link GeneratorType}s; {@link TaskTypes#BUILT_IN} lists every built-in task.
 */
public interface TaskType extends Definition<Task> {
  /** The difficulty knob a curriculum moves at these arguments; empty when the task has none. */
  Optional<Knob> knob(Args args);
}
