package dev.verity.engine.task;

import dev.verity.engine.rng.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The frozen evaluation set of a task: the same problems from the same seed on every machine. */
public final class FrozenSet {
  private FrozenSet() {}

  /**
   * {@code count} problems; draw i comes from {@code Seeds.stream(seed, "eval:" + name, i)}. A draw whose prompt
   * is already in the set is skipped, so prompts are distinct where the task has enough of them; after
   * {@code 64·count + 1024} draws the set is filled with further draws, repeats allowed. For a jsonl task with no
   * more problems at its levels than {@code count}: all of them, in file order.
   */
  public static List<Problem> draw(Task task, long seed, String name, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a frozen set needs count ≥ 1, got count: " + count);
    }
    if (task instanceof JsonlTask jsonl && jsonl.problems().size() <= count) {
      return jsonl.problems();
    }
    String stream = "eval:" + name;
    List<Problem> problems = new ArrayList<>(count);
    Set<String> prompts = new HashSet<>();
    long limit = 64L * count + 1024;
    for (long i = 0; problems.size() < count; i++) {
      Problem p = task.generate(Seeds.stream(seed, stream, i));
      if (prompts.add(p.prompt()) || i >= limit) {
        problems.add(p);
      }
    }
    return List.copyOf(problems);
  }
}
