package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.reward.RewardTerms;
import dev.verity.engine.reward.Rollout;
import dev.verity.engine.reward.Terms;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reflective traces and the facts of a response's steps, against values worked out by hand. */
class ArithmeticStepsTest {
  private static final AdditionTask ADDITION = new AdditionTask(new LevelRange(1, 4));

  @Test
  void theIssuesExampleReadsAsOneFixedStep() {
    // 4821+357: the second column first written 8, corrected to 7
    String response = "1+7+0=8|2+5+0=8!2+5+0=7|8+3+0=11|4+0+1=5|>5178";
    assertEquals(new StepFacts(4, 1, 1, 1, 0), ArithmeticSteps.INTEGERS.facts(response));
    assertTrue(ADDITION.verify(new Problem("4821+357=", "5178", 4), response), "the final answer still counts");
  }

  @Test
  void wrongStepsCorrectionsAndFixesAreCountedApart() {
    ArithmeticSteps steps = ArithmeticSteps.INTEGERS;
    assertEquals(new StepFacts(2, 1, 0, 0, 1), steps.facts("1+7+0=9|2+5+0=7|>79"), "an error left standing");
    assertEquals(new StepFacts(1, 2, 1, 0, 1), steps.facts("1+7+0=9!1+7+0=6|>6"), "a correction to another error");
    assertEquals(new StepFacts(1, 0, 1, 0, 0), steps.facts("1+7+0=8!1+7+0=8|>8"), "a right step withdrawn");
    assertEquals(new StepFacts(1, 1, 2, 1, 0), steps.facts("1+7+0=8!1+7+0=9!1+7+0=8|>8"), "right, wrong, right");
    assertEquals(new StepFacts(1, 1, 0, 0, 1), steps.facts("1+7+=8|>8"), "a step that does not read is wrong");
    assertEquals(StepFacts.NONE, steps.facts("5178"), "a direct answer has no steps");
    assertEquals(new StepFacts(1, 0, 0, 0, 0), steps.facts("1+7+0=8|2+5"), "unfinished: its whole steps only");
    assertEquals(StepFacts.NONE, steps.facts(""));
    assertEquals(new StepFacts(2, 0, 0, 0, 0), steps.facts("37*4=148|148+740=888|>888"), "multiplication");
  }

  @Test
  void modchainStepsAreCheckedModuloM() {
    ArithmeticSteps mod10 = new ArithmeticSteps(10);
    assertEquals(new StepFacts(3, 0, 0, 0, 0), mod10.facts("7+5=2|2*3=6|6-8=8|>8"));
    assertEquals(new StepFacts(1, 1, 0, 0, 1), mod10.facts("7+5=12|>12"), "an unreduced value is wrong");
    ModchainTask task = new ModchainTask(new LevelRange(1, 4), 10);
    Problem problem = new Problem("7+5*3-8=", "8", 3);
    assertEquals(new StepFacts(3, 0, 0, 0, 0), mod10.facts(task.trace(problem, TraceStyle.SCRATCHPAD)));
  }

  @Test
  void aReflectiveTraceIsTheScratchpadWithEachWrongStepCorrectedAndTheSameAnswer() {
    Problem problem = new Problem("4821+357=", "5178", 4);
    String scratchpad = ADDITION.trace(problem, TraceStyle.SCRATCHPAD);
    Pattern wrongThenRight = Pattern.compile("(\\d\\+\\d\\+\\d=)\\d+!\\1\\d+\\|");
    for (double p : new double[] {0, 0.2, 1}) {
      SplittableRandom random = new SplittableRandom(3);
      for (int i = 0; i < 200; i++) {
        String trace = ADDITION.trace(problem, TraceStyle.REFLECT, p, random);
        StepFacts facts = ArithmeticSteps.INTEGERS.facts(trace);
        assertEquals(scratchpad, trace.replaceAll("[^|!>]*!", ""), "withdrawn attempts removed: the scratchpad");
        assertEquals(facts.corrections(), facts.wrongAttempts(), "each correction follows a wrong attempt");
        assertEquals(facts.corrections(), facts.fixes(), "and makes it right");
        assertEquals(0, facts.uncorrected());
        assertTrue(ADDITION.verify(problem, trace), trace);
        if (p == 0) {
          assertEquals(scratchpad, trace);
        } else if (p == 1) {
          assertEquals(4, wrongThenRight.matcher(trace).results().count(), trace);
        }
      }
    }
  }

  @Test
  void wrongModchainValuesStayBelowTheModulusWhereTheyCan() {
    ArithmeticSteps mod7 = new ArithmeticSteps(7);
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 200; i++) {
      String trace = mod7.reflect("3+6=2|2*5=3|>3", 1, random);
      for (String attempt : trace.split("[|!>]")) {
        if (attempt.contains("=")) {
          int value = Integer.parseInt(attempt.substring(attempt.indexOf('=') + 1));
          assertTrue(value < 7, trace);
        }
      }
      assertEquals(new StepFacts(2, 2, 2, 2, 0), mod7.facts(trace), trace);
    }
  }

  @Test
  void reflectIsRefusedWhereStepsCannotBeChecked() {
    CountdownTask countdown = new CountdownTask(CountdownTask.LIMITS, new LevelRange(10, 100));
    assertTrue(countdown.lacks(TraceStyle.REFLECT).orElseThrow().contains("use scratchpad"));
    assertFalse(ADDITION.lacks(TraceStyle.REFLECT).isPresent());
    assertEquals("!", TraceStyle.REFLECT.markers());
    assertEquals("", TraceStyle.SCRATCHPAD.markers());
  }

  @Test
  void stepRatesOverResponses() {
    List<StepFacts> facts = List.of(new StepFacts(4, 1, 1, 1, 0), new StepFacts(4, 2, 1, 0, 1),
        new StepFacts(4, 0, 0, 0, 0), new StepFacts(4, 1, 0, 0, 1));
    StepRates rates = StepRates.of(facts);
    assertEquals(0.5, rates.reflectRate());
    assertEquals(0.5, rates.fixRate());
    assertEquals(0.5, rates.uncorrectedErrorRate());
    assertTrue(Double.isNaN(StepRates.of(List.of(new StepFacts(1, 0, 0, 0, 0))).fixRate()), "no corrections");
    assertTrue(Double.isNaN(StepRates.of(List.of()).reflectRate()));
  }

  @Test
  void stepTermsScoreAsTheTaskChecksAndWithoutATaskAsAddition() {
    Problem problem = new Problem("4821+357=", "5178", 4);
    Rollout reflective = new Rollout(problem, "1+7+0=8|2+5+0=8!2+5+0=7|8+3+0=11|4+0+1=6|>5178", 20, false);
    assertEquals(new StepFacts(4, 2, 1, 1, 1), Terms.stepFacts(reflective, ADDITION));
    assertEquals(new StepFacts(4, 2, 1, 1, 1), Terms.stepFacts(reflective, null), "a check without task");
    CountdownTask countdown = new CountdownTask(CountdownTask.LIMITS, new LevelRange(10, 100));
    assertEquals(StepFacts.NONE, Terms.stepFacts(reflective, countdown), "no checkable steps: nothing counted");
  }

  @Test
  void theStepRewardTermsNameTheirDefinitions() {
    assertEquals(RewardTerms.STEP_ERRORS.name(), new RewardExpr.StepErrors().name());
    assertEquals(RewardTerms.UNCORRECTED_ERRORS.name(), new RewardExpr.UncorrectedErrors().name());
  }
}
