package dev.verity.engine.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.engine.task.Problem;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each built-in term on hand-made rollouts, with the expected values worked out in the comments. */
class RewardTermsTest {
  private static final Problem P42 = new Problem("12+30=", "42", 2);

  private static Rollout rollout(String response, int tokens) {
    return new Rollout(P42, response, tokens, false);
  }

  private static double one(RewardExpr expr, String response) {
    return new RewardEvaluator(expr).evaluate(rollout(response, response.length()), null, 0, 1).total();
  }

  private static double[] totals(RewardExpr expr, List<Rollout> group) {
    return new RewardEvaluator(expr).evaluate(group, null, 0, 1).stream().mapToDouble(RewardResult::total).toArray();
  }

  @Test
  void exactAnswerWithoutTaskComparesTheTextAfterTheLastMarker() {
    RewardExpr exact = new RewardExpr.ExactAnswer();
    assertEquals(1, one(exact, "42"));
    assertEquals(1, one(exact, "2|4>42"));
    assertEquals(1, one(exact, "1>9>42"), "the last > counts");
    assertEquals(0, one(exact, "42>43"));
    assertEquals(0, one(exact, "042"), "without a task the comparison is textual");
  }

  @Test
  void aTruncatedResponseIsWrongUnderEveryVerifier() {
    // cut at max_tokens with a tail that happens to read >42: it never reached its end marker, so it is
    // unfinished, and accuracy counts it wrong too
    Rollout cut = new Rollout(P42, "9>42", 4, true);
    RewardExpr[] verifiers = {
      new RewardExpr.ExactAnswer(), new RewardExpr.NumericAnswer(0), new RewardExpr.Format("[0-9>]*")
    };
    for (RewardExpr verifier : verifiers) {
      RewardEvaluator eval = new RewardEvaluator(verifier);
      assertEquals(0, eval.evaluate(cut, null, 0, 1).total(), verifier + " without task");
      assertEquals(0, eval.evaluate(cut, new SumTask(), 0, 1).total(), verifier + " with a task");
      assertEquals(1, eval.evaluate(rollout("9>42", 4), null, 0, 1).total(), verifier + " when finished");
    }
    // the measurements still measure it
    assertEquals(1, new RewardEvaluator(new RewardExpr.Truncated()).evaluate(cut, null, 0, 1).total());
    assertEquals(4, new RewardEvaluator(new RewardExpr.Length()).evaluate(cut, null, 0, 1).total());
  }

  @Test
  void exactAnswerWithoutTaskIsAsStrictAsTheArithmeticTasks() {
    RewardExpr exact = new RewardExpr.ExactAnswer();
    assertEquals(0, one(exact, "42 "), "addition's verifier does not trim, so neither does the fallback");
    assertEquals(0, one(exact, " 42"));
    assertEquals(0, one(exact, "2|4> 42"));
    assertEquals(0, one(exact, "42\n"));
  }

  @Test
  void exactAnswerUsesTheTasksVerifierWhenGiven() {
    RewardEvaluator exact = new RewardEvaluator(new RewardExpr.ExactAnswer());
    // SumTask reads answers as numbers: 042 is 42.
    assertEquals(1, exact.evaluate(rollout("1>042", 5), new SumTask(), 0, 1).total());
    assertEquals(0, exact.evaluate(rollout("1>043", 5), new SumTask(), 0, 1).total());
  }

  @Test
  void numericAnswerAcceptsDecimalsWithinTheTolerance() {
    RewardExpr near = new RewardExpr.NumericAnswer(0.01);
    Problem p = new Problem("x=", "0.3", 1);
    RewardEvaluator eval = new RewardEvaluator(near);
    // |0.31 − 0.3| = 0.01 ≤ 0.01 exactly (in doubles it would be 0.010000000000000009 and fail).
    assertEquals(1, eval.evaluate(new Rollout(p, ">0.31", 4, false), null, 0, 1).total());
    assertEquals(1, eval.evaluate(new Rollout(p, ">0.29", 4, false), null, 0, 1).total());
    assertEquals(1, eval.evaluate(new Rollout(p, "3e-1", 4, false), null, 0, 1).total());
    assertEquals(0, eval.evaluate(new Rollout(p, ">0.32", 4, false), null, 0, 1).total()); // 0.02 > 0.01
    assertEquals(0, eval.evaluate(new Rollout(p, ">NaN", 4, false), null, 0, 1).total());
    assertEquals(0, eval.evaluate(new Rollout(p, ">0x1p-2", 4, false), null, 0, 1).total());
    assertEquals(0, eval.evaluate(new Rollout(p, "", 0, false), null, 0, 1).total());
    Problem wordy = new Problem("x=", "zero point three", 1);
    assertEquals(0, eval.evaluate(new Rollout(wordy, "0.3", 4, false), null, 0, 1).total(), "reference must parse too");
    assertEquals(1, one(new RewardExpr.NumericAnswer(0), "42.000"));
  }

  @Test
  void formatFullyMatchesWithBackslashesKept() {
    // re"^[0-9]+\.[0-9]{2}$" as the DSL hands it over: the backslash escapes the dot.
    RewardExpr money = new RewardExpr.Format("^[0-9]+\\.[0-9]{2}$");
    assertEquals(1, one(money, "12.50"));
    assertEquals(0, one(money, "12x50"), "\\. is a literal dot, not any character");
    RewardExpr digits = new RewardExpr.Format("\\d+");
    assertEquals(1, one(digits, "123"));
    assertEquals(0, one(digits, "123a"), "the whole response must match, not a part");
  }

  @Test
  void lengthPenaltyIsGroupRelativeAndSparesOnlyCorrectAnswers() {
    RewardExpr lp = new RewardExpr.LengthPenalty(new RewardExpr.ExactAnswer());
    // lengths 10, 20, 30, 40: min 10, max 40, λ = 0.5 − (len − 10)/30 = 0.5, 1/6, −1/6, −0.5
    List<Rollout> group =
        List.of(rollout("42", 10), rollout("41", 20), rollout("42", 30), rollout("40", 40));
    // right → λ; wrong → min(0, λ)
    assertArrayEquals(new double[] {0.5, 0, -1.0 / 6, -0.5}, totals(lp, group), 1e-12);
  }

  @Test
  void lengthPenaltyIsZeroWhenAllLengthsAreEqual() {
    RewardExpr lp = new RewardExpr.LengthPenalty(new RewardExpr.ExactAnswer());
    List<Rollout> group = List.of(rollout("42", 7), rollout("41", 7), rollout("1", 7));
    assertArrayEquals(new double[] {0, 0, 0}, totals(lp, group));
  }

  @Test
  void overlongIsZeroThenLinearThenMinusOne() {
    RewardExpr overlong = new RewardExpr.Overlong(100, 20);
    // free up to 100 − 20 = 80; then (80 − len)/20; −1 past 100
    List<Rollout> group = IntStream.of(50, 80, 90, 100, 101, 500).mapToObj(n -> rollout("42", n)).toList();
    assertArrayEquals(new double[] {0, 0, -0.5, -1, -1, -1}, totals(overlong, group), 1e-12);
    RewardExpr hard = new RewardExpr.Overlong(10, 0); // no buffer: a hard cut
    assertArrayEquals(new double[] {0, -1}, totals(hard, List.of(rollout("", 10), rollout("", 11))));
  }

  @Test
  void repetitionCountsNgramsSeenEarlier() {
    // "abab", n = 2: ab, ba, ab → the third was seen → 1/3
    assertEquals(1.0 / 3, one(new RewardExpr.Repetition(2), "abab"), 1e-12);
    // "aaaa": aa, aa, aa → 2 of 3 seen (overlapping counts)
    assertEquals(2.0 / 3, one(new RewardExpr.Repetition(2), "aaaa"), 1e-12);
    // "abcabc", n = 3: abc, bca, cab, abc → 1/4
    assertEquals(0.25, one(new RewardExpr.Repetition(3), "abcabc"), 1e-12);
    assertEquals(0, one(new RewardExpr.Repetition(2), "abcd"));
    assertEquals(0, one(new RewardExpr.Repetition(3), "ab"), "shorter than n");
    assertEquals(0, one(new RewardExpr.Repetition(1), ""));
  }

  @Test
  void lenAndTruncatedReadTheRollout() {
    RewardEvaluator both =
        new RewardEvaluator(
            new RewardExpr.Binary(RewardExpr.Op.ADD, new RewardExpr.Length(), new RewardExpr.Truncated()));
    RewardResult cut = both.evaluate(new Rollout(P42, "4444", 128, true), null, 0, 1);
    assertEquals(129, cut.total());
    assertEquals(128, cut.terms().get("len"));
    assertEquals(1, cut.terms().get("truncated"));
    assertEquals(0, both.evaluate(new Rollout(P42, "", 0, false), null, 0, 1).total());
  }
}
