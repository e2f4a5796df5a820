package dev.verity.engine.task;

/** Makes the task a {@link TaskSpec} declares: the one factory the executor calls. */
public final class Tasks {
  private Tasks() {}

  /**
   * The endless generator behind the spec (draw a frozen set from it with {@link FrozenSet}). A jsonl spec's path
   * must already be resolved against the experiment's folder.
   *
   * @throws IllegalArgumentException when a setting is out of range, with a message naming it and the fix
   * @throws TaskDataException when a jsonl file is missing or malformed
   */
  public static Task create(TaskSpec spec) {
    if (spec instanceof TaskSpec.Addition a) {
      return new AdditionTask(a.digits());
    }
    if (spec instanceof TaskSpec.Multiplication m) {
      return new MultiplicationTask(m.digits());
    }
    if (spec instanceof TaskSpec.Countdown c) {
      return new CountdownTask(c.numbers(), c.target());
    }
    if (spec instanceof TaskSpec.Modchain m) {
      return new ModchainTask(m.depth(), m.modulus());
    }
    TaskSpec.Jsonl j = (TaskSpec.Jsonl) spec;
    if (j.path() == null || j.prompt() == null || j.answer() == null) {
      throw new IllegalArgumentException(
          "jsonl needs a file and the names of its prompt and answer fields, "
              + "e.g. jsonl(\"data/problems.jsonl\", prompt: \"question\", answer: \"answer\")");
    }
    return JsonlTask.load(j.path(), j.prompt(), j.answer(), j.trace(), j.level());
  }
}
