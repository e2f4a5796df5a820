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
    Task add = TaskSpec.of(AdditionTask.TYPE, "digits", new LevelRange(2, 6)).create();
    assertInstanceOf(AdditionTask.class, add);
    assertEquals(new LevelRange(2, 6), add.levels());
    assertEquals("digits", add.knobName());
    assertEquals(new LevelRange(1, 3), TaskSpec.of(MultiplicationTask.TYPE, "digits", new LevelRange(1, 3)).create().levels());
    Task countdown = TaskSpec.of(CountdownTask.TYPE, "numbers", new LevelRange(3, 4), "target", new LevelRange(10, 100)).create();
    assertEquals(new CountdownTask(new LevelRange(3, 4), new LevelRange(10, 100)), countdown);
    assertEquals(new ModchainTask(LevelRange.of(4), 7), TaskSpec.of(ModchainTask.TYPE, "depth", LevelRange.of(4), "modulus", 7).create());
  }

  @Test
  void makesAJsonlTaskFromAResolvedPath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("data.jsonl");
    Files.writeString(file, "{\"question\": \"what is 1 plus 1?\", \"answer\": \"2\", \"steps\": \"1+1=2|\"}\n");
    Task task = TaskSpec.of(JsonlTask.TYPE, "path", file, "prompt", "question", "answer", "answer", "trace", "steps").create();
    Problem p = task.generate(new java.util.SplittableRandom(0));
    assertEquals("1+1=2|>2", task.trace(p, TraceStyle.SCRATCHPAD));
    TaskDataException e =
        assertThrows(
            TaskDataException.class,
            () -> TaskSpec.of(JsonlTask.TYPE, "path", file, "prompt", "prompt", "answer", "answer").create());
    assertEquals("data.jsonl:1: missing field 'prompt' (fields there: question, answer, steps)", e.getMessage());
  }

  @Test
  void badSettingsGetMessagesNamingTheSetting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TaskSpec.of(AdditionTask.TYPE, "digits", new LevelRange(2, 20)).create());
    assertEquals("addition(digits: 2..20): digits must lie within 1..12; use a range such as digits: 2..12", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MultiplicationTask(null));
    assertEquals("multiplication needs a range for 'digits', e.g. multiplication(digits: 1..6)", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> TaskSpec.of(ModchainTask.TYPE, "depth", new LevelRange(0, 2)).create());
    assertEquals("modchain(depth: 0..2): depth must lie within 1..10; use a range such as depth: 1..2", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TaskSpec.of(CountdownTask.TYPE, "numbers", LevelRange.of(7)).create());
    assertEquals("countdown(numbers: 7): numbers must lie within 2..6; use a range such as numbers: 6", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TaskSpec.of(JsonlTask.TYPE, "path", Path.of("x.jsonl"), "answer", "answer"));
    assertEquals("jsonl needs the argument 'prompt'", e.getMessage());
  }
}
