package dev.verity.dsl.check;

import dev.verity.dsl.builtin.Bound;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.TaskSpec;
import java.util.Optional;

/** Facts about a task spec the checker needs: its difficulty knob and the knob's limits. */
final class Tasks {
  private Tasks() {}

  /** A difficulty knob: its DSL name, its current range and the range it may move within. */
  record Knob(String name, LevelRange levels, LevelRange limits) {}

  /** The task's knob; empty for a jsonl file without a {@code level} field. */
  static Optional<Knob> knob(TaskSpec spec) {
    if (spec instanceof TaskSpec.Addition a) {
      return Optional.of(new Knob("digits", a.digits(), limits("addition", "digits")));
    } else if (spec instanceof TaskSpec.Multiplication m) {
      return Optional.of(new Knob("digits", m.digits(), limits("multiplication", "digits")));
    } else if (spec instanceof TaskSpec.Countdown c) {
      return Optional.of(new Knob("numbers", c.numbers(), limits("countdown", "numbers")));
    } else if (spec instanceof TaskSpec.Modchain m) {
      return Optional.of(new Knob("depth", m.depth(), limits("modchain", "depth")));
    }
    TaskSpec.Jsonl j = (TaskSpec.Jsonl) spec;
    // Levels in user data are only known once the file is read; any positive level is allowed here.
    return j.level() == null ? Optional.empty()
        : Optional.of(new Knob("level", new LevelRange(1, Integer.MAX_VALUE), new LevelRange(1, Integer.MAX_VALUE)));
  }

  private static LevelRange limits(String task, String knob) {
    Bound bound = Builtins.find(task, Kind.TASK).orElseThrow().param(knob).orElseThrow().bound();
    return new LevelRange((int) bound.min(), (int) bound.max());
  }

  /** The same task as a frozen set of {@code count} problems. */
  static TaskSpec withCount(TaskSpec spec, int count) {
    if (spec instanceof TaskSpec.Addition a) {
      return new TaskSpec.Addition(a.digits(), count);
    } else if (spec instanceof TaskSpec.Multiplication m) {
      return new TaskSpec.Multiplication(m.digits(), count);
    } else if (spec instanceof TaskSpec.Countdown c) {
      return new TaskSpec.Countdown(c.numbers(), c.target(), count);
    } else if (spec instanceof TaskSpec.Modchain m) {
      return new TaskSpec.Modchain(m.depth(), m.modulus(), count);
    }
    TaskSpec.Jsonl j = (TaskSpec.Jsonl) spec;
    return new TaskSpec.Jsonl(j.path(), j.prompt(), j.answer(), j.trace(), j.level(), count);
  }
}
