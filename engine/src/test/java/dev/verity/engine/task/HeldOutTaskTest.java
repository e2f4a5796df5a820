package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.verity.engine.rng.Seeds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A held-out task draws around its evaluation sets, from the same seeded streams, at every level. */
class HeldOutTaskTest {
  private static final Task ADD = TaskSpec.of(AdditionTask.TYPE, "digits", new LevelRange(1, 2)).create();

  @Test
  void neverDrawsAHeldOutPromptAndStaysAFunctionOfTheStream() {
    List<Problem> test = FrozenSet.draw(ADD.withLevels(LevelRange.of(1)), 3, "add_test", 60);
    Set<String> heldOut = test.stream().map(Problem::prompt).collect(Collectors.toSet());
    HeldOutTask task = new HeldOutTask(ADD, heldOut, "add_test");
    Set<String> drawn = new HashSet<>();
    int redrawn = 0;
    for (int i = 0; i < 2000; i++) {
      Problem p = task.generate(Seeds.stream(3, "train", i));
      assertFalse(heldOut.contains(p.prompt()), p.prompt());
      drawn.add(p.prompt());
      if (!p.equals(ADD.generate(Seeds.stream(3, "train", i)))) {
        redrawn++;
      }
      assertEquals(p, task.generate(Seeds.stream(3, "train", i)), "the same stream, the same problem");
    }
    assertNotEquals(0, redrawn, "some draws hit the evaluation set and were drawn again");
    Task oneDigit = task.withLevels(LevelRange.of(1));
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 500; i++) {
      assertFalse(heldOut.contains(oneDigit.generate(random).prompt()), "withLevels keeps holding them out");
    }
  }
}
