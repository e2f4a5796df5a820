package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AdditionTaskTest {
  private final AdditionTask task = new AdditionTask(new LevelRange(2, 6));
  private final Problem example = new Problem("4821+357=", "5178", 4);

  @Test
  void tracesOfTheDocumentedExample() {
    assertEquals("5178", task.trace(example, TraceStyle.DIRECT));
    assertEquals("1+7+0=8|2+5+0=7|8+3+0=11|4+0+1=5|>5178", task.trace(example, TraceStyle.SCRATCHPAD));
    assertEquals(
        "1+7+0=8 c0|2+5+0=7 c0|8+3+0=11 c1|4+0+1=5 c0|>5178", task.trace(example, TraceStyle.VERBOSE));
  }

  @Test
  void finalCarryBecomesTheLeadingDigitOfTheAnswer() {
    Problem p = new Problem("95+7=", "102", 2);
    assertEquals("5+7+0=12|9+0+1=10|>102", task.trace(p, TraceStyle.SCRATCHPAD));
    assertTrue(task.verify(p, task.trace(p, TraceStyle.SCRATCHPAD)));
  }

  @Test
  void generatedProblemsAreUnpaddedSumsAtTheLargerOperandsDigitCount() {
    Pattern prompt = Pattern.compile("(0|[1-9]\\d*)\\+(0|[1-9]\\d*)=");
    Set<Integer> levels = new HashSet<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      Problem p = task.generate(random);
      Matcher m = prompt.matcher(p.prompt());
      assertTrue(m.matches(), p.prompt());
      int da = m.group(1).length();
      int db = m.group(2).length();
      assertTrue(da >= 2 && da <= 6 && db >= 2 && db <= 6, p.prompt());
      assertEquals(Math.max(da, db), p.level());
      assertEquals(Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)), Long.parseLong(p.answer()));
      levels.add(p.level());
    }
    assertEquals(Set.of(2, 3, 4, 5, 6), levels);
  }

  @Test
  void scratchpadHasOneColumnPerDigitOfTheLongerOperand() {
    Pattern shape = Pattern.compile("(\\d\\+\\d\\+[01]=\\d{1,2}\\|)+>\\d+");
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 500; i++) {
      Problem p = task.generate(random);
      String s = task.trace(p, TraceStyle.SCRATCHPAD);
      assertTrue(shape.matcher(s).matches(), s);
      assertEquals(p.level(), s.chars().filter(c -> c == '|').count(), s);
      assertTrue(task.trace(p, TraceStyle.VERBOSE).length() > s.length());
    }
  }

  @Test
  void twelveDigitOperandsAddExactly() {
    AdditionTask big = new AdditionTask(LevelRange.of(12));
    Problem p = new Problem("999999999999+999999999999=", "1999999999998", 12);
    assertTrue(big.verify(p, big.trace(p, TraceStyle.SCRATCHPAD)));
    assertEquals("1999999999998", big.trace(p, TraceStyle.DIRECT));
  }

  @Test
  void verifierIsStrict() {
    assertTrue(task.verify(example, "5178"));
    assertTrue(task.verify(example, "junk>5178"));
    assertFalse(task.verify(example, "5177"));
    assertFalse(task.verify(example, "5179"));
    assertFalse(task.verify(example, "05178"));
    assertFalse(task.verify(example, "5178 "));
    assertFalse(task.verify(example, " 5178"));
    assertFalse(task.verify(example, "5178>"));
    assertFalse(task.verify(example, "5178>5177"));
    assertFalse(task.verify(null, "5178"));
  }

  @Test
  void extractAnswerReadsAfterTheLastMark() {
    assertEquals("5178", task.extractAnswer("1+7+0=8|>5178"));
    assertEquals("c", task.extractAnswer("a>b>c"));
    assertEquals("5178", task.extractAnswer("5178"));
    assertEquals("", task.extractAnswer("5178>"));
    assertEquals("", task.extractAnswer(null));
  }

  @Test
  void levelsOutsideTheLimitsAreRejectedWithTheAllowedRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> task.withLevels(new LevelRange(0, 3)));
    assertEquals("addition(digits: 0..3): digits must lie within 1..12; use a range such as digits: 1..3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> task.withLevels(new LevelRange(4, 13)));
    assertTrue(e.getMessage().contains("1..12"), e.getMessage());
    assertEquals(new LevelRange(1, 12), task.withLevels(new LevelRange(1, 12)).levels());
  }
}
