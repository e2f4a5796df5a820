package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A task's count of distinct prompts is what drawing it long enough finds, and large spaces saturate. */
class DistinctPromptsTest {

  /** Distinct prompts among {@code draws} draws: the whole space once draws far outnumber it. */
  private static long drawn(Task task, int draws) {
    SplittableRandom random = new SplittableRandom(11);
    Set<String> prompts = new HashSet<>();
    for (int i = 0; i < draws; i++) {
      prompts.add(task.generate(random).prompt());
    }
    return prompts.size();
  }

  @Test
  void smallSpacesAreCountedExactly() {
    for (Task task : List.of(new AdditionTask(LevelRange.of(1)), new MultiplicationTask(LevelRange.of(1)),
        new ModchainTask(new LevelRange(1, 2), 3))) {
      long counted = task.distinctPrompts().orElseThrow();
      assertEquals(drawn(task, 50 * (int) counted), counted, task.toString());
    }
    assertEquals(100, new AdditionTask(LevelRange.of(1)).distinctPrompts().orElseThrow());
    assertEquals(3 * 9 + 3 * 9 * 9, new ModchainTask(new LevelRange(1, 2), 3).distinctPrompts().orElseThrow());
    // one digit or two each: (10 + 90)² pairs
    assertEquals(100 * 100, new AdditionTask(new LevelRange(1, 2)).distinctPrompts().orElseThrow());
  }

  @Test
  void hugeSpacesSaturateInsteadOfOverflowing() {
    assertEquals(Long.MAX_VALUE, new AdditionTask(new LevelRange(1, 12)).distinctPrompts().orElseThrow());
    assertEquals(Long.MAX_VALUE, new ModchainTask(new LevelRange(1, 10), 1000).distinctPrompts().orElseThrow());
  }

  @Test
  void countdownIsNotCounted() {
    assertEquals(OptionalLong.empty(), TaskSpec.of(CountdownTask.TYPE, "numbers", LevelRange.of(4)).create()
        .distinctPrompts());
  }
}
