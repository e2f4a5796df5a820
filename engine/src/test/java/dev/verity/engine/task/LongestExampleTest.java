package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The length bounds the checker compares with a model's context: never below any generated prompt or trace, and
 * equal to the longest where the generator's extreme problem is a fixed, constructible one.
 */
class LongestExampleTest {
  static Stream<Task> tasks() {
    return Stream.of(
        new AdditionTask(AdditionTask.LIMITS),
        new MultiplicationTask(MultiplicationTask.LIMITS),
        new CountdownTask(CountdownTask.LIMITS, new LevelRange(10, 100)),
        new CountdownTask(CountdownTask.LIMITS, new LevelRange(1, CountdownTask.MAX_TARGET)),
        new CountdownTask(new LevelRange(3, 4), new LevelRange(500, 2000)),
        new ModchainTask(ModchainTask.LIMITS, ModchainTask.DEFAULT_MODULUS),
        new ModchainTask(ModchainTask.LIMITS, 97),
        new ModchainTask(ModchainTask.LIMITS, 1000),
        new ModchainTask(ModchainTask.LIMITS, 2));
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void boundsHoldEveryGeneratedPromptAndTraceAtEveryRange(Task task) {
    SplittableRandom random = new SplittableRandom(5);
    LevelRange limits = task.knobLimits();
    for (int lo = limits.min(); lo <= limits.max(); lo++) {
      for (int hi = lo; hi <= limits.max(); hi++) {
        LevelRange levels = new LevelRange(lo, hi);
        Task at = task.withLevels(levels);
        int prompt = at.longestPrompt(levels);
        for (int i = 0; i < 150; i++) {
          Problem p = at.generate(random);
          assertTrue(p.prompt().length() <= prompt, at.name() + " " + levels + ": " + p.prompt() + " > " + prompt);
          for (TraceStyle style : TraceStyle.values()) {
            if (at.lacks(style).isPresent()) {
              continue;
            }
            Example bound = at.longestExample(levels, style);
            assertEquals(prompt, bound.prompt(), at.name() + " " + style);
            String trace = at.trace(p, style, 1.0, random); // reflect at p = 1: every step written twice
            assertTrue(trace.length() <= bound.trace(),
                at.name() + " " + levels + " " + style + ": " + trace + " longer than " + bound.trace());
          }
        }
      }
    }
  }

  @Test
  void additionIsExactAtAllNines() {
    for (int d = 1; d <= 12; d++) {
      AdditionTask task = new AdditionTask(new LevelRange(1, d));
      String n = "9".repeat(d);
      assertExact(task, new Problem(n + "+" + n + "=", Long.toString(2 * Long.parseLong(n)), d));
    }
    assertEquals(new Example(14, 62), new AdditionTask(new LevelRange(1, 6)).longestExample(
        new LevelRange(2, 6), TraceStyle.SCRATCHPAD));
  }

  @Test
  void multiplicationIsExactAtAllNines() {
    for (int d = 1; d <= 6; d++) {
      MultiplicationTask task = new MultiplicationTask(new LevelRange(1, d));
      long n = Long.parseLong("9".repeat(d));
      assertExact(task, new Problem(n + "*" + n + "=", Long.toString(n * n), d));
    }
    // the class comment's figures
    LevelRange three = LevelRange.of(3);
    assertEquals(71, new MultiplicationTask(three).longestExample(three, TraceStyle.SCRATCHPAD).trace());
    assertEquals(92, new MultiplicationTask(three).longestExample(three, TraceStyle.VERBOSE).trace());
  }

  @Test
  void modchainWithModulusTenIsExact() {
    ModchainTask task = new ModchainTask(new LevelRange(1, 4), 10);
    // every number has one digit, so every depth-4 chain's prompt and scratchpad have the bound's length
    assertEquals(new Example(10, 1), task.longestExample(task.levels(), TraceStyle.DIRECT));
    assertEquals(new Example(10, 4 * 6 + 2), task.longestExample(task.levels(), TraceStyle.SCRATCHPAD));
    Problem any = task.withLevels(LevelRange.of(4)).generate(new SplittableRandom(1));
    assertEquals(10, any.prompt().length());
    assertEquals(26, task.trace(any, TraceStyle.SCRATCHPAD).length());
    // modulus 1000: up to 4·depth+4 characters, as 999*999-999+999=
    assertEquals(20, new ModchainTask(LevelRange.of(4), 1000).longestPrompt(LevelRange.of(4)));
  }

  @Test
  void countdownPromptCountsEveryDigitOfTheNumbersAndTarget() {
    // 100,100,100,100:100= for numbers up to 4, the given numbers up to max(100, target)
    assertEquals(20, new CountdownTask(new LevelRange(3, 4), new LevelRange(10, 100)).longestPrompt(
        new LevelRange(3, 4)));
    // 9999,9999,9999,9999,9999,9999:9999= for six numbers and the largest targets
    assertEquals(7 * 5, new CountdownTask(CountdownTask.LIMITS, new LevelRange(1, 9_999))
        .longestPrompt(LevelRange.of(6)));
  }

  @Test
  void jsonlIsExactFromTheFileAtTheGivenLevels(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.jsonl");
    Files.write(file, List.of(
        "{\"q\": \"a long question?\", \"a\": \"1\", \"s\": \"x\", \"l\": 1}",
        "{\"q\": \"short\", \"a\": \"22\", \"s\": \"a much longer trace\", \"l\": 2}",
        "{\"q\": \"mid question\", \"a\": \"3\", \"l\": 3}"));
    JsonlTask task = JsonlTask.load(file, "q", "a", "s", "l");
    assertEquals(16, task.longestPrompt(new LevelRange(1, 3)));
    assertEquals(12, task.longestPrompt(new LevelRange(2, 3)));
    assertEquals(new Example(16, 1), task.longestExample(new LevelRange(1, 3), TraceStyle.DIRECT));
    assertEquals(new Example(5, 22), task.longestExample(new LevelRange(1, 3), TraceStyle.SCRATCHPAD));
    assertEquals(new Example(0, 0), task.longestExample(LevelRange.of(7), TraceStyle.SCRATCHPAD));
  }

  /** The bound equals the witness's lengths in every style. */
  private static void assertExact(Task task, Problem witness) {
    for (TraceStyle style : TraceStyle.values()) {
      Example bound = task.longestExample(task.levels(), style);
      assertEquals(witness.prompt().length(), bound.prompt(), task.name() + " " + style);
      String trace = task.trace(witness, style, 1.0, new SplittableRandom(1)); // reflect: every step twice
      assertEquals(trace.length(), bound.trace(), task.name() + " " + style + ": " + trace);
    }
  }
}
