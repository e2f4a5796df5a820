package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.rng.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrozenSetTest {
  private final Task addition = new AdditionTask(new LevelRange(2, 6));

  @Test
  void theSameSeedAndNameGiveTheSameSet() {
    List<Problem> a = FrozenSet.draw(addition, 7, "add_test", 256);
    assertEquals(256, a.size());
    assertEquals(a, FrozenSet.draw(addition, 7, "add_test", 256));
    assertEquals(a, FrozenSet.draw(new AdditionTask(new LevelRange(2, 6)), 7, "add_test", 256));
    assertNotEquals(a, FrozenSet.draw(addition, 8, "add_test", 256));
    assertNotEquals(a, FrozenSet.draw(addition, 7, "other", 256));
  }

  @Test
  void problemIComesFromItsOwnSeededStream() {
    List<Problem> set = FrozenSet.draw(addition, 7, "add_test", 10);
    for (int i = 0; i < 10; i++) {
      assertEquals(addition.generate(Seeds.stream(7, "eval:add_test", i)), set.get(i));
    }
    assertEquals(set, FrozenSet.draw(addition, 7, "add_test", 20).subList(0, 10), "a longer set extends a shorter");
  }

  @Test
  void promptsAreDistinctWhereTheTaskHasEnough() {
    Task oneDigit = new AdditionTask(LevelRange.of(1)); // exactly 100 prompts exist
    List<Problem> all = FrozenSet.draw(oneDigit, 3, "tiny", 100);
    assertEquals(100, distinctPrompts(all));
    List<Problem> more = FrozenSet.draw(oneDigit, 3, "tiny", 150);
    assertEquals(150, more.size());
    assertEquals(all, more.subList(0, 100), "the distinct ones come first, then repeats");
    assertEquals(1000, distinctPrompts(FrozenSet.draw(new ModchainTask(LevelRange.of(2), 10), 3, "m", 1000)));
    assertEquals(500, distinctPrompts(FrozenSet.draw(new CountdownTask(LevelRange.of(3), new LevelRange(10, 100)), 3, "c", 500)));
  }

  @Test
  void aJsonlSetAtLeastAsLargeAsTheFileIsTheWholeFileInOrder(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.jsonl");
    Files.write(
        file,
        IntStream.range(0, 30).mapToObj(i -> "{\"q\": \"" + i + "+1=\", \"a\": \"" + (i + 1) + "\"}").toList());
    JsonlTask task = JsonlTask.load(file, "q", "a", null, null);
    assertEquals(task.problems(), FrozenSet.draw(task, 1, "mine", 30));
    assertEquals(task.problems(), FrozenSet.draw(task, 1, "mine", 100));
    List<Problem> some = FrozenSet.draw(task, 1, "mine", 20);
    assertEquals(20, distinctPrompts(some));
    assertTrue(task.problems().containsAll(some));
    assertEquals(some, FrozenSet.draw(task, 1, "mine", 20));
  }

  @Test
  void aCountBelowOneIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FrozenSet.draw(addition, 1, "x", 0));
    assertEquals("a frozen set needs count ≥ 1, got count: 0", e.getMessage());
  }

  private static int distinctPrompts(List<Problem> problems) {
    return problems.stream().map(Problem::prompt).collect(Collectors.toSet()).size();
  }
}
