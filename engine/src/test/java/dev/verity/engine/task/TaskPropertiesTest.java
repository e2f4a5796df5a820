package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every built-in generator promises, checked at every level of its knob. */
class TaskPropertiesTest {
  static Stream<Task> tasks() {
    return Stream.of(
        new AdditionTask(AdditionTask.LIMITS),
        new MultiplicationTask(MultiplicationTask.LIMITS),
        new CountdownTask(CountdownTask.LIMITS, new LevelRange(10, 100)),
        new CountdownTask(CountdownTask.LIMITS, new LevelRange(1, CountdownTask.MAX_TARGET)),
        new ModchainTask(ModchainTask.LIMITS, ModchainTask.DEFAULT_MODULUS),
        new ModchainTask(ModchainTask.LIMITS, 97));
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void everyStylesTraceVerifiesAndUsesOnlyTheAlphabetAtEveryLevel(Task task) {
    String alphabet = task.alphabet();
    SplittableRandom random = new SplittableRandom(11);
    for (int level = task.knobLimits().min(); level <= task.knobLimits().max(); level++) {
      Task atLevel = task.withLevels(LevelRange.of(level));
      for (int i = 0; i < 300; i++) {
        Problem p = atLevel.generate(random);
        assertEquals(level, p.level(), p.prompt());
        assertOnlyAlphabet(alphabet, p.prompt(), task);
        for (TraceStyle style : TraceStyle.values()) {
          if (atLevel.lacks(style).isPresent()) {
            continue; // reflect: countdown and jsonl have no checkable steps
          }
          String trace = atLevel.trace(p, style, 0.5, random);
          assertOnlyAlphabet(alphabet + style.markers(), trace, task);
          assertTrue(atLevel.verify(p, trace), task.name() + " " + style + ": " + p + " -> " + trace);
        }
        assertTrue(atLevel.verify(p, p.answer()), p.toString());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void stylesLengthenInOrderDirectScratchpadVerbose(Task task) {
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 300; i++) {
      Problem p = task.generate(random);
      String direct = task.trace(p, TraceStyle.DIRECT);
      String scratchpad = task.trace(p, TraceStyle.SCRATCHPAD);
      String verbose = task.trace(p, TraceStyle.VERBOSE);
      assertEquals(p.answer(), direct);
      assertTrue(scratchpad.endsWith(">" + p.answer()), scratchpad);
      assertTrue(direct.length() < scratchpad.length(), scratchpad);
      assertTrue(scratchpad.length() < verbose.length(), verbose);
    }
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void generationIsDeterministicPerSeedAndStaysInTheLevelRange(Task task) {
    LevelRange middle = new LevelRange(task.knobLimits().min() + 1, task.knobLimits().max() - 1);
    Task narrowed = task.withLevels(middle);
    assertEquals(draw(narrowed, 5), draw(narrowed, 5));
    assertNotEquals(draw(narrowed, 5), draw(narrowed, 6));
    for (Problem p : draw(narrowed, 5)) {
      assertTrue(middle.contains(p.level()), p.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void levelsOutsideTheKnobLimitsAreRejectedNamingTheKnob(Task task) {
    LevelRange limits = task.knobLimits();
    for (LevelRange bad : List.of(new LevelRange(limits.min() - 1, limits.max()), LevelRange.of(limits.max() + 1))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> task.withLevels(bad));
      assertTrue(e.getMessage().startsWith(task.name() + "(" + task.knobName() + ": " + bad + ")"), e.getMessage());
      assertTrue(e.getMessage().contains("within " + limits), e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void verifiersRejectJunkAndOffByOneAnswersWithoutThrowing(Task task) {
    List<String> junk = Junk.responses();
    SplittableRandom random = new SplittableRandom(13);
    for (int i = 0; i < 20; i++) {
      Problem p = task.generate(random);
      for (String response : junk) {
        assertFalse(assertDoesNotThrow(() -> task.verify(p, response)), p.toString());
        assertDoesNotThrow(() -> task.extractAnswer(response));
      }
      String answer = p.answer();
      for (String wrong : offByOne(answer)) {
        if (!(task instanceof CountdownTask)) {
          assertFalse(task.verify(p, wrong), answer + " vs " + wrong);
        }
      }
    }
    Problem foreign = new Problem("what?", "42", 0);
    for (String response : junk) {
      assertFalse(assertDoesNotThrow(() -> task.verify(foreign, response)));
    }
    assertFalse(task.verify(new Problem(null, null, 0), "42"));
  }

  /** The answer with its last digit one higher and one lower, and with a leading zero. */
  private static List<String> offByOne(String answer) {
    List<String> wrong = new ArrayList<>();
    int last = answer.length() - 1;
    char digit = answer.charAt(last);
    wrong.add(answer.substring(0, last) + (char) (digit == '9' ? '0' : digit + 1));
    wrong.add(answer.substring(0, last) + (char) (digit == '0' ? '9' : digit - 1));
    wrong.add("0" + answer);
    return wrong;
  }

  private static List<Problem> draw(Task task, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      problems.add(task.generate(random));
    }
    return problems;
  }

  private static void assertOnlyAlphabet(String alphabet, String text, Task task) {
    for (char c : text.toCharArray()) {
      assertTrue(alphabet.indexOf(c) >= 0, task.name() + ": '" + c + "' of '" + text + "' is not in its alphabet");
    }
  }
}
