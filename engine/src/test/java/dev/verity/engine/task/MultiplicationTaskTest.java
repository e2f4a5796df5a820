package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MultiplicationTaskTest {
  private final MultiplicationTask task = new MultiplicationTask(new LevelRange(1, 3));

  @Test
  void tracesOfTheDocumentedExample() {
    Problem p = new Problem("37*24=", "888", 2);
    assertEquals("888", task.trace(p, TraceStyle.DIRECT));
    assertEquals("37*4=148|37*20=740|148+740=888|>888", task.trace(p, TraceStyle.SCRATCHPAD));
    assertEquals("37*4=148 t148|37*20=740 t888|148+740=888|>888", task.trace(p, TraceStyle.VERBOSE));
  }

  @Test
  void oneDigitMultiplierNeedsNoSumAndZeroDigitsGiveZeroPartials() {
    assertEquals("37*4=148|>148", task.trace(new Problem("37*4=", "148", 2), TraceStyle.SCRATCHPAD));
    assertEquals(
        "37*4=148|37*0=0|37*200=7400|148+0+7400=7548|>7548",
        task.trace(new Problem("37*204=", "7548", 3), TraceStyle.SCRATCHPAD));
  }

  @Test
  void tracesStayWithin150CharactersAtThreeByThreeDigits() {
    Problem worst = new Problem("999*999=", "998001", 3);
    assertEquals(
        "999*9=8991|999*90=89910|999*900=899100|8991+89910+899100=998001|>998001",
        task.trace(worst, TraceStyle.SCRATCHPAD));
    assertEquals(92, task.trace(worst, TraceStyle.VERBOSE).length());
    SplittableRandom random = new SplittableRandom(2);
    MultiplicationTask threeByThree = task.withLevels(LevelRange.of(3));
    for (int i = 0; i < 2000; i++) {
      Problem p = threeByThree.generate(random);
      for (TraceStyle style : TraceStyle.values()) {
        assertTrue(threeByThree.trace(p, style, 1.0, random).length() <= 150 * (style == TraceStyle.REFLECT ? 2 : 1),
            p.toString());
      }
    }
  }

  @Test
  void generatedProblemsAreUnpaddedProducts() {
    Pattern prompt = Pattern.compile("(0|[1-9]\\d*)\\*(0|[1-9]\\d*)=");
    SplittableRandom random = new SplittableRandom(3);
    MultiplicationTask six = task.withLevels(new LevelRange(5, 6));
    for (int i = 0; i < 1000; i++) {
      Problem p = six.generate(random);
      Matcher m = prompt.matcher(p.prompt());
      assertTrue(m.matches(), p.prompt());
      assertEquals(Math.max(m.group(1).length(), m.group(2).length()), p.level());
      assertEquals(Long.parseLong(m.group(1)) * Long.parseLong(m.group(2)), Long.parseLong(p.answer()));
    }
  }

  @Test
  void verifierIsStrict() {
    Problem p = new Problem("37*24=", "888", 2);
    assertTrue(task.verify(p, "37*4=148|37*20=740|148+740=888|>888"));
    assertTrue(task.verify(p, "888"));
    assertFalse(task.verify(p, "887"));
    assertFalse(task.verify(p, "889"));
    assertFalse(task.verify(p, "0888"));
    assertFalse(task.verify(p, "888\n"));
    assertFalse(task.verify(p, "148+740=888|>"));
  }
}
