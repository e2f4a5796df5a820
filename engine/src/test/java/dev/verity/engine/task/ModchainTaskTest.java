package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModchainTaskTest {
  private final ModchainTask task = new ModchainTask(new LevelRange(1, 4), 10);
  private final Problem example = new Problem("7+5*3-8=", "8", 3);

  @Test
  void tracesOfTheDocumentedExample() {
    assertEquals("8", task.trace(example, TraceStyle.DIRECT));
    assertEquals("7+5=2|2*3=6|6-8=8|>8", task.trace(example, TraceStyle.SCRATCHPAD));
    assertEquals("7+5=12%10=2|2*3=6%10=6|6-8=-2%10=8|>8", task.trace(example, TraceStyle.VERBOSE));
  }

  @Test
  void generatedChainsEvaluateLeftToRightModuloM() {
    ModchainTask mod7 = new ModchainTask(new LevelRange(1, 10), 7);
    Pattern shape = Pattern.compile("[0-6]([+*-][0-6]){1,10}=");
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 2000; i++) {
      Problem p = mod7.generate(random);
      assertTrue(shape.matcher(p.prompt()).matches(), p.prompt());
      assertEquals(p.level(), p.prompt().replaceAll("[0-9=]", "").length());
      assertEquals(leftToRight(p.prompt(), 7), Integer.parseInt(p.answer()), p.prompt());
    }
  }

  @Test
  void largeModuliUseMultiDigitOperands() {
    ModchainTask mod997 = new ModchainTask(LevelRange.of(2), 997);
    Problem p = new Problem("996*996-5=", Integer.toString(Math.floorMod(996 * 996 % 997 - 5, 997)), 2);
    assertEquals("996*996=1|1-5=993|>993", mod997.trace(p, TraceStyle.SCRATCHPAD));
    assertTrue(mod997.verify(p, "996*996=1|1-5=993|>993"));
  }

  @Test
  void verifierIsStrict() {
    assertTrue(task.verify(example, "8"));
    assertFalse(task.verify(example, "7"));
    assertFalse(task.verify(example, "9"));
    assertFalse(task.verify(example, "08"));
    assertFalse(task.verify(example, "18"));
    assertFalse(task.verify(example, "-2"));
  }

  @Test
  void aModulusBelowTwoIsRejectedWithTheDefaultNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ModchainTask(LevelRange.of(2), 1));
    assertEquals("modchain(modulus: 1): the modulus must lie within 2..1000; the default is 10", e.getMessage());
  }

  private static int leftToRight(String prompt, int m) {
    String body = prompt.substring(0, prompt.length() - 1);
    int value = body.charAt(0) - '0';
    for (int i = 1; i < body.length(); i += 2) {
      int x = body.charAt(i + 1) - '0';
      char op = body.charAt(i);
      value = Math.floorMod(op == '+' ? value + x : op == '-' ? value - x : value * x, m);
    }
    return value;
  }
}
