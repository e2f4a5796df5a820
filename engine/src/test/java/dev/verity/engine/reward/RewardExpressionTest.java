package dev.verity.engine.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.optim.Schedule;
import dev.verity.engine.reward.RewardExpr.Binary;
import dev.verity.engine.reward.RewardExpr.Call;
import dev.verity.engine.reward.RewardExpr.Const;
import dev.verity.engine.reward.RewardExpr.ExactAnswer;
import dev.verity.engine.reward.RewardExpr.Function;
import dev.verity.engine.reward.RewardExpr.Op;
import dev.verity.engine.task.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Combining terms: arithmetic, logic, conditionals, schedules, names, and what gets recorded per rollout. */
class RewardExpressionTest {
  private static final Problem P42 = new Problem("12+30=", "42", 2);
  private static final Rollout RIGHT = new Rollout(P42, "42", 3, false);
  private static final Rollout WRONG = new Rollout(P42, "43", 3, false);

  private static double value(RewardExpr expr, Rollout r) {
    return new RewardEvaluator(expr).evaluate(r, null, 0, 1).total();
  }

  private static RewardExpr c(double v) {
    return new Const(v);
  }

  @Test
  void ifThenElsePicksTheBranchByTheCondition() {
    // if exact_answer then 2 else -1
    RewardExpr expr = new RewardExpr.IfThenElse(new ExactAnswer(), c(2), c(-1));
    assertEquals(2, value(expr, RIGHT));
    assertEquals(-1, value(expr, WRONG));
  }

  @Test
  void minAndMaxTakeAnyNumberOfArguments() {
    RewardExpr min = new Call(Function.MIN, List.of(new ExactAnswer(), c(0.5), c(0.7)));
    RewardExpr max = new Call(Function.MAX, List.of(new ExactAnswer(), c(-0.5)));
    assertEquals(0.5, value(min, RIGHT)); // min(1, 0.5, 0.7)
    assertEquals(0, value(min, WRONG)); // min(0, 0.5, 0.7)
    assertEquals(1, value(max, RIGHT));
    assertEquals(0, value(max, WRONG)); // max(0, −0.5)
    assertEquals(3, value(new Call(Function.MAX, List.of(c(3))), RIGHT));
  }

  @Test
  void divisionByZeroGivesZeroAndNothingIsNaN() {
    assertEquals(0, value(new Binary(Op.DIV, c(1), c(0)), RIGHT));
    assertEquals(0, value(new Binary(Op.DIV, new ExactAnswer(), new ExactAnswer()), WRONG)); // 0 / 0
    assertEquals(0.5, value(new Binary(Op.DIV, new ExactAnswer(), c(2)), RIGHT));
    RewardExpr inf = new Binary(Op.MUL, c(1e308), c(10)); // overflows to ∞
    assertEquals(0, value(new Binary(Op.SUB, inf, inf), RIGHT)); // ∞ − ∞ would be NaN
    assertEquals(0, value(new Binary(Op.MUL, inf, c(0)), RIGHT));
    assertEquals(0, value(c(Double.NaN), RIGHT));
  }

  /** A term that is not a number, as a buggy Java reward term returns. */
  private record NotANumber() implements RewardExpr.Term {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public Scorer scorer() {
      return Scorer.perRollout((r, t) -> Double.NaN);
    }
  }

  @Test
  void aRewardThatOverflowsIsRefusedNamingItTheRolloutAndTheFix() {
    RewardExpr big = new RewardExpr.Named("big", new Binary(Op.MUL, new RewardExpr.Length(), c(1e308)));
    NonFiniteReward e = assertThrows(NonFiniteReward.class, () -> value(big, RIGHT));
    assertEquals("reward 'big' is Infinity for the prompt '12+30=' and the response '42': its arithmetic overflowed"
        + " (big = Infinity, len = 3.0). A reward must be a finite number: bound what overflows, e.g. with"
        + " min(…, 1), or scale its coefficients down", e.getMessage());
    assertEquals("rl#1 step 5: " + e.getMessage(), e.at("rl#1", 4).getMessage());
  }

  @Test
  void aNamedPartThatOverflowsWhereTheWholeBoundsItIsAFiniteReward() {
    RewardExpr big = new RewardExpr.Named("big", new Binary(Op.MUL, new RewardExpr.Length(), c(1e308)));
    RewardExpr bounded = new RewardExpr.Named("r", new Call(Function.MIN, List.of(big, c(1))));
    assertEquals(1, value(bounded, RIGHT)); // big is Infinity, recorded as such; the reward is min(∞, 1) = 1
  }

  @Test
  void aTermThatIsNotANumberIsRefusedEvenWhereTheArithmeticWouldHideIt() {
    // exact_answer + broken: NaN + 1 would be cleaned to 0 by the arithmetic, and the bug hidden
    RewardExpr r = new RewardExpr.Named("r", new Binary(Op.ADD, new ExactAnswer(), new NotANumber()));
    NonFiniteReward e = assertThrows(NonFiniteReward.class, () -> value(r, RIGHT));
    assertEquals("reward 'r' cannot be scored for the prompt '12+30=' and the response '42': its term broken is"
        + " NaN. A reward must be a finite number: make that term return one (a Java term's score must be"
        + " finite)", e.getMessage());
  }

  @Test
  void arithmeticComparisonsAndLogicGiveNumbersAndOneOrZero() {
    assertEquals(7, value(new Binary(Op.ADD, c(3), c(4)), RIGHT));
    assertEquals(-1, value(new Binary(Op.SUB, c(3), c(4)), RIGHT));
    assertEquals(12, value(new Binary(Op.MUL, c(3), c(4)), RIGHT));
    assertEquals(-3, value(new RewardExpr.Negate(c(3)), RIGHT));
    assertEquals(1, value(new Binary(Op.EQ, new ExactAnswer(), c(1)), RIGHT));
    assertEquals(0, value(new Binary(Op.EQ, new ExactAnswer(), c(1)), WRONG));
    assertEquals(1, value(new Binary(Op.NE, c(1), c(2)), RIGHT));
    assertEquals(1, value(new Binary(Op.LT, c(1), c(2)), RIGHT));
    assertEquals(0, value(new Binary(Op.LT, c(2), c(2)), RIGHT));
    assertEquals(1, value(new Binary(Op.LE, c(2), c(2)), RIGHT));
    assertEquals(0, value(new Binary(Op.GT, c(2), c(2)), RIGHT));
    assertEquals(1, value(new Binary(Op.GE, c(2), c(2)), RIGHT));
    assertEquals(1, value(new Binary(Op.AND, c(2), c(-1)), RIGHT));
    assertEquals(0, value(new Binary(Op.AND, c(2), c(0)), RIGHT));
    assertEquals(1, value(new Binary(Op.OR, c(0), c(0.1)), RIGHT));
    assertEquals(0, value(new Binary(Op.OR, c(0), c(0)), RIGHT));
  }

  @Test
  void scheduleCoefficientIsEvaluatedAtTheStep() {
    // ramp(0 -> 0.5, over: 100) * exact_answer: 0 at step 0, 0.25 at step 50, 0.5 from step 100 on
    RewardExpr expr =
        new Binary(Op.MUL, new RewardExpr.Coefficient(new Schedule.Ramp(0, 0.5, 100, 0)), new ExactAnswer());
    RewardEvaluator eval = new RewardEvaluator(expr);
    assertEquals(0, eval.evaluate(RIGHT, null, 0, 300).total());
    assertEquals(0.25, eval.evaluate(RIGHT, null, 50, 300).total(), 1e-12);
    assertEquals(0.5, eval.evaluate(RIGHT, null, 250, 300).total(), 1e-12);
  }

  @Test
  void namedRewardsAndEveryTermAreRecordedInOrder() {
    // reward correct = exact_answer()
    // reward short   = correct + ramp(0 -> 0.5, over: 100) * length_penalty(correct)
    RewardExpr correct = new RewardExpr.Named("correct", new ExactAnswer());
    RewardExpr lp = new RewardExpr.LengthPenalty(correct);
    RewardExpr ramp = new RewardExpr.Coefficient(new Schedule.Ramp(0, 0.5, 100, 0));
    RewardExpr shortReward =
        new RewardExpr.Named("short", new Binary(Op.ADD, correct, new Binary(Op.MUL, ramp, lp)));
    RewardEvaluator eval = new RewardEvaluator(shortReward);
    assertEquals(List.of("short", "correct", "exact_answer", "length_penalty"), eval.termNames());

    // lengths 2 and 6: λ = 0.5 for the short right one, −0.5 for the long wrong one; ramp at step 100 = 0.5
    List<Rollout> group = List.of(new Rollout(P42, "42", 2, false), new Rollout(P42, "1|1>43", 6, false));
    List<RewardResult> results = eval.evaluate(group, null, 100, 300);
    assertEquals(
        Map.of("short", 1.25, "correct", 1.0, "exact_answer", 1.0, "length_penalty", 0.5), results.get(0).terms());
    assertEquals(1.25, results.get(0).total()); // 1 + 0.5 · 0.5
    assertEquals(-0.25, results.get(1).total()); // 0 + 0.5 · (−0.5)
    assertEquals(eval.termNames(), List.copyOf(results.get(1).terms().keySet()));
  }

  @Test
  void differentTermsWithOneNameGetSuffixesAndEqualTermsShareOne() {
    RewardExpr digits = new RewardExpr.Format("[0-9]+");
    RewardExpr marked = new RewardExpr.Format(".*>.*");
    // format(digits) + format(marked) + format(digits)
    RewardExpr expr = new Binary(Op.ADD, new Binary(Op.ADD, digits, marked), new RewardExpr.Format("[0-9]+"));
    RewardEvaluator eval = new RewardEvaluator(expr);
    assertEquals(List.of("format", "format_2"), eval.termNames());
    RewardResult r = eval.evaluate(RIGHT, null, 0, 1);
    assertEquals(Map.of("format", 1.0, "format_2", 0.0), r.terms());
    assertEquals(2, r.total());
  }

  @Test
  void termsInTheBranchNotTakenAreStillRecorded() {
    RewardExpr expr = new RewardExpr.IfThenElse(new ExactAnswer(), c(1), new RewardExpr.Repetition(1));
    RewardResult r = new RewardEvaluator(expr).evaluate(new Rollout(P42, "aa>42", 5, false), null, 0, 1);
    assertEquals(1, r.total());
    assertEquals(0.2, r.terms().get("repetition"), 1e-12); // a,a,>,4,2: the second a was seen
  }

  @Test
  void junkResponsesNeverThrowAndGiveFiniteValues() {
    RewardExpr all =
        sum(
            new ExactAnswer(),
            new RewardExpr.NumericAnswer(0.5),
            new RewardExpr.Format("^[0-9+=|>]*$"),
            new RewardExpr.LengthPenalty(new ExactAnswer()),
            new RewardExpr.Overlong(8, 4),
            new RewardExpr.Repetition(3),
            new RewardExpr.Length(),
            new RewardExpr.Truncated());
    RewardEvaluator eval = new RewardEvaluator(all);
    List<String> junk =
        List.of("", ">", ">>>", "\u0000\uFFFF", "é€😀>😀", "-", ".", "1e99999", "9".repeat(5000), ">-.e+",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", " 42 ", "\n>\n");
    List<Rollout> group = junk.stream().map(s -> new Rollout(P42, s, s.length(), s.length() > 8)).toList();
    for (dev.verity.engine.task.Task task : new dev.verity.engine.task.Task[] {null, new SumTask()}) {
      List<RewardResult> results = eval.evaluate(group, task, 3, 10);
      assertEquals(junk.size(), results.size());
      for (RewardResult r : results) {
        assertTrue(Double.isFinite(r.total()), r.toString());
        r.terms().values().forEach(v -> assertTrue(Double.isFinite(v), r.toString()));
      }
    }
    assertEquals(List.of(), eval.evaluate(List.of(), null, 0, 1), "an empty group gives no results");
  }

  @Test
  void badArgumentsAreRejectedWithTheTermAndTheFix() {
    IllegalArgumentException regex =
        assertThrows(IllegalArgumentException.class, () -> new RewardEvaluator(new RewardExpr.Format("[0-9")));
    assertTrue(regex.getMessage().startsWith("format(re\"[0-9\"): not a valid regular expression"), regex.getMessage());
    IllegalArgumentException n =
        assertThrows(IllegalArgumentException.class, () -> new RewardEvaluator(new RewardExpr.Repetition(0)));
    assertEquals("repetition: n must be >= 1, got 0", n.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RewardEvaluator(new RewardExpr.Overlong(10, 11)));
    assertThrows(IllegalArgumentException.class, () -> new RewardEvaluator(new RewardExpr.NumericAnswer(-1)));
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> new RewardEvaluator(new Call(Function.MIN, List.of())));
    assertFalse(empty.getMessage().isBlank());
  }

  private static RewardExpr sum(RewardExpr first, RewardExpr... rest) {
    RewardExpr acc = first;
    for (RewardExpr e : rest) {
      acc = new Binary(Op.ADD, acc, e);
    }
    return acc;
  }
}
