package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TasksTest {
  @Test
  void makesEachBuiltInWithItsLevels() {
    Task add = Tasks.create(new TaskSpec.Addition(new LevelRange(2, 6), 0));
    assertInstanceOf(AdditionTask.class, add);
    assertEquals(new LevelRange(2, 6), add.levels());
    assertEquals("digits", add.knobName());
    assertEquals(new LevelRange(1, 3), Tasks.create(new TaskSpec.Multiplication(new LevelRange(1, 3), 0)).levels());
    Task countdown = Tasks.create(new TaskSpec.Countdown(new LevelRange(3, 4), new LevelRange(10, 100), 0));
    assertEquals(new CountdownTask(new LevelRange(3, 4), new LevelRange(10, 100)), countdown);
    assertEquals(new ModchainTask(LevelRange.of(4), 7), Tasks.create(new TaskSpec.Modchain(LevelRange.of(4), 7, 0)));
  }

  @Test
  void makesAJsonlTaskFromAResolvedPath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("data.jsonl");
    Files.writeString(file, "{\"question\": \"what is 1 plus 1?\", \"answer\": \"2\", \"steps\": \"1+1=2|\"}\n");
    Task task = Tasks.create(new TaskSpec.Jsonl(file, "question", "answer", "steps", null, 0));
    Problem p = task.generate(new java.util.SplittableRandom(0));
    assertEquals("1+1=2|>2", task.trace(p, TraceStyle.SCRATCHPAD));
    TaskDataException e =
        assertThrows(
            TaskDataException.class,
            () -> Tasks.create(new TaskSpec.Jsonl(file, "prompt", "answer", null, null, 0)));
    assertEquals("data.jsonl:1: missing field 'prompt' (fields there: question, answer, steps)", e.getMessage());
  }

  @Test
  void badSettingsGetMessagesNamingTheSetting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Tasks.create(new TaskSpec.Addition(new LevelRange(2, 20), 0)));
    assertEquals("addition(digits: 2..20): digits must lie within 1..12; use a range such as digits: 2..12", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tasks.create(new TaskSpec.Multiplication(null, 0)));
    assertEquals("multiplication needs a range for 'digits', e.g. multiplication(digits: 1..6)", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Tasks.create(new TaskSpec.Modchain(new LevelRange(0, 2), 10, 0)));
    assertEquals("modchain(depth: 0..2): depth must lie within 1..10; use a range such as depth: 1..2", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Tasks.create(new TaskSpec.Countdown(LevelRange.of(7), new LevelRange(10, 100), 0)));
    assertEquals("countdown(numbers: 7): numbers must lie within 2..6; use a range such as numbers: 6", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Tasks.create(new TaskSpec.Jsonl(Path.of("x.jsonl"), null, "answer", null, null, 0)));
    assertEquals(
        "jsonl needs a file and the names of its prompt and answer fields, "
            + "e.g. jsonl(\"data/problems.jsonl\", prompt: \"question\", answer: \"answer\")",
        e.getMessage());
  }
}
