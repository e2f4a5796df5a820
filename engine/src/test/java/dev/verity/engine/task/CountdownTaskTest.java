package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CountdownTaskTest {
  private final CountdownTask task = new CountdownTask(new LevelRange(3, 4), new LevelRange(10, 100));
  private final Problem example = new Problem("3,4,25,50:100=", "(50-25)*4", 4);

  @Test
  void tracesOfTheDocumentedExample() {
    assertEquals("(50-25)*4", task.trace(example, TraceStyle.DIRECT));
    assertEquals("50-25=25|25*4=100|>(50-25)*4", task.trace(example, TraceStyle.SCRATCHPAD));
    assertEquals(
        "50-25=25 left 3,4,25|25*4=100 left 3,100|>(50-25)*4", task.trace(example, TraceStyle.VERBOSE));
  }

  @Test
  void acceptsAnyExpressionThatReachesTheTarget() {
    assertTrue(task.verify(example, "(50-25)*4"));
    assertTrue(task.verify(example, "4*25"));
    assertTrue(task.verify(example, "4 * 25"));
    assertTrue(task.verify(example, "4\u00d725"));
    assertTrue(task.verify(example, "(50\u221225)\u00d74"));
    assertTrue(task.verify(example, "((((4))*((25))))"));
    assertTrue(task.verify(example, "steps|>4*25"));
    assertTrue(task.verify(new Problem("3,4,6:8=", "6/3*4", 3), "4/3*6"), "a non-integer intermediate is fine");
  }

  @Test
  void rejectsReusedUnknownAndMisusedNumbers() {
    assertFalse(task.verify(example, "50+50"), "50 is given once");
    assertFalse(task.verify(example, "4*25*1"), "1 is not given");
    assertFalse(task.verify(example, "50*4/(3+4-5)"), "5 is not given");
    assertFalse(task.verify(example, "25*4+50-50"), "50 is given once");
    assertFalse(task.verify(example, "100"), "100 is the target, not a given number");
    assertFalse(task.verify(example, "04*25"), "leading zero");
    assertFalse(task.verify(example, "-4*-25"), "no unary minus");
    assertTrue(task.verify(new Problem("25,4,25:50=", "25+25", 3), "25+25"), "a number given twice may be used twice");
  }

  @Test
  void rejectsDivisionByZeroAndWrongValues() {
    assertFalse(task.verify(example, "4*25+3/(50-50)"));
    assertFalse(task.verify(example, "50/(25-25)"));
    assertFalse(task.verify(example, "4*25+3"));
    assertFalse(task.verify(example, "4*25-3"));
    assertFalse(task.verify(example, "50+25"));
    assertFalse(task.verify(example, "4*25="));
    assertFalse(task.verify(example, "4*25=100"));
    assertFalse(task.verify(example, "4*(25"));
    assertFalse(task.verify(example, "4**25"));
    assertFalse(task.verify(example, "4x25"));
  }

  @Test
  void guardsNestingAndSize() {
    String deep = "(".repeat(300) + "4*25" + ")".repeat(300);
    assertFalse(task.verify(example, deep));
    assertTrue(task.verify(example, "(".repeat(60) + "4*25" + ")".repeat(60)));
    assertFalse(task.verify(example, "999999999*999999999*999999999"));
    assertFalse(task.verify(example, "4*25" + " ".repeat(2000)));
    assertFalse(task.verify(new Problem("3,4,25,50:100=" + "9".repeat(50), "4*25", 4), "4*25"));
  }

  @Test
  void generatedProblemsAreSolvableWithPositiveIntegerSteps() {
    Pattern prompt = Pattern.compile("([1-9]\\d*(?:,[1-9]\\d*)*):([1-9]\\d*)=");
    Pattern step = Pattern.compile("[1-9]\\d*[-+*/][1-9]\\d*=[1-9]\\d*");
    SplittableRandom random = new SplittableRandom(8);
    CountdownTask wide = new CountdownTask(CountdownTask.LIMITS, new LevelRange(10, 100));
    for (int i = 0; i < 3000; i++) {
      Problem p = wide.generate(random);
      Matcher m = prompt.matcher(p.prompt());
      assertTrue(m.matches(), p.prompt());
      List<Long> numbers = Arrays.stream(m.group(1).split(",")).map(Long::parseLong).toList();
      long target = Long.parseLong(m.group(2));
      assertEquals(p.level(), numbers.size());
      assertTrue(target >= 10 && target <= 100, p.prompt());
      assertTrue(numbers.stream().allMatch(n -> n >= 1 && n <= 100), p.prompt());
      assertTrue(wide.verify(p, p.answer()), p.toString());
      String scratchpad = wide.trace(p, TraceStyle.SCRATCHPAD);
      for (String s : scratchpad.substring(0, scratchpad.indexOf('>')).split("\\|")) {
        assertTrue(step.matcher(s).matches(), s + " in " + scratchpad);
      }
    }
  }

  @Test
  void targetsCoverTheirRange() {
    CountdownTask small = new CountdownTask(LevelRange.of(2), new LevelRange(1, 20));
    Set<String> targets = new HashSet<>();
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 2000; i++) {
      String prompt = small.generate(random).prompt();
      targets.add(prompt.substring(prompt.indexOf(':') + 1));
    }
    assertEquals(20, targets.size());
  }

  @Test
  void aTargetRangeOutsideTheLimitsIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new CountdownTask(LevelRange.of(3), new LevelRange(0, 100)));
    assertEquals(
        "countdown(target: 0..100): the target range must lie within 1..10000, e.g. target: 10..100", e.getMessage());
  }
}
