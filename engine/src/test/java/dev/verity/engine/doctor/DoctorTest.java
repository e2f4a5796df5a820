package dev.verity.engine.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Figures;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.reward.RewardResult;
import dev.verity.engine.rl.ScoredRollout;
import dev.verity.engine.task.Problem;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Each rule on synthetic metric series: it fires when it should, once, and stays quiet when it should not. */
class DoctorTest {
  private static final DoctorSettings DEFAULTS = DoctorSettings.defaults();

  /** A healthy step: spread in most groups, entropy steady, small KL and gradient norm, finite loss. */
  private static StepMetrics healthy(int step) {
    return StepMetrics.of("tune", step)
        .with(Metric.REWARD_MEAN, 0.3 + 0.01 * step)
        .with(Metric.ACCURACY, 0.3 + 0.01 * step)
        .with(Metric.ENTROPY, 1.5)
        .with(Metric.KL, 0.002 + 0.0001 * step)
        .with(Metric.GRAD_NORM, 0.8 + 0.01 * (step % 3))
        .with(Metric.LOSS, 0.1)
        .with(Metric.FRAC_ZERO_STD, 0.25);
  }

  /** Feeds {@code steps} rows made by {@code row} through a doctor; returns the findings it reported. */
  private static List<Finding> run(int steps, IntFunction<StepMetrics> row) {
    return run(DEFAULTS, steps, row);
  }

  private static List<Finding> run(DoctorSettings settings, int steps, IntFunction<StepMetrics> row) {
    List<Finding> found = new ArrayList<>();
    Doctor doctor = new Doctor("tune", settings, StageListener.NONE, found::add);
    for (int i = 0; i < steps; i++) {
      doctor.onStep(row.apply(i));
    }
    assertEquals(found, doctor.findings(), "what it reported is what it keeps");
    return found;
  }

  private static List<String> rules(List<Finding> findings) {
    return findings.stream().map(Finding::rule).toList();
  }

  @Test
  void aHealthyStageHasNoFindings() {
    assertEquals(List.of(), run(200, DoctorTest::healthy));
  }

  @Test
  void zeroStdFiresAfterItsWindowOfStepsWithoutSpread() {
    List<Finding> found = run(30, i -> healthy(i).with(Metric.FRAC_ZERO_STD, i >= 5 ? 1.0 : 0.25)
        .with(Metric.ACCURACY, 0.0));
    assertEquals(List.of("zero_std"), rules(found), "once, though every later step has no spread either");
    assertEquals(14, found.get(0).step(), "steps 5..14 are the first window of 10");
    assertTrue(found.get(0).message().contains("too hard"), found.get(0).message());
    assertTrue(found.get(0).suggestion().contains("curriculum"), found.get(0).suggestion());
    assertTrue(found.get(0).suggestion().contains("prioritize: failure_rate"), found.get(0).suggestion());
  }

  @Test
  void zeroStdSaysTooEasyWhenEveryAnswerIsRight() {
    List<Finding> found = run(12, i -> healthy(i).with(Metric.FRAC_ZERO_STD, 0.9).with(Metric.ACCURACY, 1.0));
    assertEquals(List.of("zero_std"), rules(found));
    assertTrue(found.get(0).message().contains("too easy"), found.get(0).message());
  }

  @Test
  void zeroStdStaysQuietWhenOneStepOfTheWindowHasSpread() {
    assertEquals(List.of(), run(19, i -> healthy(i).with(Metric.FRAC_ZERO_STD, i == 9 ? 0.5 : 0.8)));
    assertEquals(List.of(), run(9, i -> healthy(i).with(Metric.FRAC_ZERO_STD, 1.0)), "fewer steps than the window");
  }

  @Test
  void zeroStdFollowsItsSettings() {
    DoctorSettings strict = DoctorSettings.WARN.create(DoctorSettings.WARN.args("zero_std", 0.9, "window", 4));
    assertEquals(List.of("zero_std"), rules(run(strict, 4, i -> healthy(i).with(Metric.FRAC_ZERO_STD, 0.95))));
    assertEquals(List.of(), run(strict, 20, i -> healthy(i).with(Metric.FRAC_ZERO_STD, 0.85)));
    assertEquals(List.of(), run(DoctorSettings.off(), 40, i -> healthy(i).with(Metric.FRAC_ZERO_STD, 1.0)));
  }

  @Test
  void entropyCollapseFiresWhenEntropyFallsBeforeAccuracyRises() {
    List<Finding> found = run(30, i -> healthy(i).with(Metric.ACCURACY, 0.2)
        .with(Metric.ENTROPY, i < 3 ? 2.0 : 2.0 * Math.pow(0.7, i)));
    assertEquals(List.of("entropy_collapse"), rules(found));
    assertEquals(7, found.get(0).step(), "2 * 0.7^7 = 0.165 is the first entropy under 0.2");
  }

  @Test
  void entropyFallingWhileAccuracyRisesIsLearning() {
    // a policy that gets sure of the right answers: its entropy falls as it should
    assertEquals(List.of(), run(30, i -> healthy(i).with(Metric.ACCURACY, Math.min(1, 0.1 + 0.05 * i))
        .with(Metric.ENTROPY, i < 3 ? 2.0 : 2.0 * Math.pow(0.7, i))));
    assertEquals(List.of(), run(30, i -> healthy(i).with(Metric.ACCURACY, 0.2)
        .with(Metric.ENTROPY, 2.0 - 0.05 * i)), "entropy down to 0.55 of its start is no collapse");
  }

  private static ScoredRollout rollout(boolean truncated) {
    return new ScoredRollout(0, 0, new Problem("1+1=", "2", 1), "2", 1, truncated,
        new RewardResult(1.0, Map.of("exact", 1.0)), true, 0.0);
  }

  private static List<ScoredRollout> rollouts(int truncated, int total) {
    List<ScoredRollout> out = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      out.add(rollout(i < truncated));
    }
    return out;
  }

  @Test
  void truncatedFiresOnceWhenAFifthOfAStepsResponsesHitMaxTokens() {
    List<Finding> found = new ArrayList<>();
    Doctor doctor = new Doctor("tune", DEFAULTS, StageListener.NONE, found::add);
    int[] cut = {0, 3, 7, 8, 16, 16};
    for (int i = 0; i < cut.length; i++) {
      doctor.onRollouts("tune", i, rollouts(cut[i], 40));
      doctor.onStep(healthy(i));
    }
    assertEquals(List.of("truncated"), rules(found), "7 of 40 is under 20%; 8 of 40 is 20%");
    assertEquals(3, found.get(0).step());
    assertTrue(found.get(0).message().startsWith("20% of the step's responses ran into max_tokens"),
        found.get(0).message());
    assertTrue(found.get(0).suggestion().contains("overlong("), found.get(0).suggestion());
  }

  private static EvalReport eval(long step, double accuracy) {
    EnumMap<Metric, Double> values = new EnumMap<>(Metric.class);
    values.put(Metric.ACCURACY, accuracy);
    return new EvalReport("tune", step, "add_test", 1, new Figures(100, values), List.of());
  }

  /** Steps with rewards {@code reward(i)}, a periodic evaluation every 5 steps with accuracy {@code acc(k)}. */
  private static List<Finding> withEvals(int steps, IntFunction<Double> reward, IntFunction<Double> acc) {
    List<Finding> found = new ArrayList<>();
    Doctor doctor = new Doctor("tune", DEFAULTS, StageListener.NONE, found::add);
    doctor.onEval(eval(0, acc.apply(0)));
    for (int i = 0; i < steps; i++) {
      doctor.onStep(healthy(i).with(Metric.REWARD_MEAN, reward.apply(i)));
      if ((i + 1) % 5 == 0) {
        doctor.onEval(eval(i + 1, acc.apply(i + 1)));
      }
    }
    return found;
  }

  @Test
  void evalDropFiresWhenEvaluationFallsWhileTrainingRewardRises() {
    List<Finding> found = withEvals(40, i -> 0.2 + 0.02 * i, s -> s <= 15 ? 0.2 + 0.02 * s : 0.5 - 0.02 * s);
    // evaluations: 0.2, 0.3, 0.4, 0.5 (step 15), 0.1 (step 20): 0.4 below the best while the reward kept rising
    assertEquals(List.of("eval_drop"), rules(found));
    assertEquals(19, found.get(0).step(), "the evaluation after step 20 follows step index 19");
    assertTrue(found.get(0).message().contains("from its best 0.500 (after step 15)"), found.get(0).message());
    assertTrue(found.get(0).suggestion().contains("check REWARD("), found.get(0).suggestion());
  }

  @Test
  void evalDropStaysQuietWhenTheTrainingRewardFellToo() {
    // both fall: the run is getting worse, not gaming its reward
    assertEquals(List.of(), withEvals(40, i -> i < 15 ? 0.2 + 0.02 * i : 0.5 - 0.02 * i,
        s -> s <= 15 ? 0.2 + 0.02 * s : 0.5 - 0.02 * s));
    assertEquals(List.of(), withEvals(40, i -> 0.2 + 0.02 * i, s -> s <= 15 ? 0.5 : 0.45),
        "a drop of 0.05 is within the default 0.1");
  }

  @Test
  void klSpikeFiresOnAJumpOverTheMedianOfEarlierSteps() {
    List<Finding> found = run(20, i -> healthy(i).with(Metric.KL, i == 12 || i == 15 ? 0.5 : 0.03));
    assertEquals(List.of("kl_spike"), rules(found));
    assertEquals(12, found.get(0).step());
    assertTrue(found.get(0).message().contains("17 times the median"), found.get(0).message());
  }

  @Test
  void klGrowingFromZeroIsNoSpike() {
    // KL starts at 0 and grows: its tiny early median is counted as 0.01
    assertEquals(List.of(), run(20, i -> healthy(i).with(Metric.KL, i < 6 ? 1e-6 : 0.05)));
    assertEquals(List.of(), run(5, i -> healthy(i).with(Metric.KL, i == 4 ? 5.0 : 0.03)),
        "4 earlier steps are too few to know what is normal");
  }

  @Test
  void gradSpikeFiresOnceOnAJumpOfTheGradientNorm() {
    List<Finding> found = run(30, i -> healthy(i).with(Metric.GRAD_NORM, i >= 10 && i % 5 == 0 ? 12.0 : 1.0));
    assertEquals(List.of("grad_spike"), rules(found), "steps 10, 15, 20, 25 jump; it says so once");
    assertEquals(10, found.get(0).step());
    assertTrue(found.get(0).suggestion().contains("clip: 0.5"), found.get(0).suggestion());
    assertEquals(List.of(), run(30, i -> healthy(i).with(Metric.GRAD_NORM, i >= 10 && i % 5 == 0 ? 9.0 : 1.0)),
        "9 times is under the default factor 10");
  }

  @Test
  void nonFiniteLossIsReportedAtItsStepBeforeTheStageStops() {
    List<Finding> found = new ArrayList<>();
    List<Long> forwarded = new ArrayList<>();
    StageListener next = new StageListener() {
      @Override
      public void onStep(StepMetrics metrics) {
        forwarded.add(metrics.step());
        assertTrue(found.isEmpty(), "the step is passed on before it is judged");
      }
    };
    Doctor doctor = new Doctor("tune", DEFAULTS, next, found::add);
    for (int i = 0; i < 8; i++) {
      doctor.onStep(healthy(i).with(Metric.LOSS, i == 7 ? Double.NaN : 0.1));
    }
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), forwarded);
    assertEquals(List.of("non_finite_loss"), rules(found));
    assertEquals(7, found.get(0).step());
    assertTrue(found.get(0).message().startsWith("the loss became NaN"), found.get(0).message());
    assertTrue(found.get(0).line().startsWith("doctor: tune step 8: the loss became NaN"), found.get(0).line());
  }

  @Test
  void catchingUpReplaysQuietlySoARuleThatFiredBeforeAStopDoesNotFireAgain() {
    IntFunction<StepMetrics> row = i -> healthy(i).with(Metric.FRAC_ZERO_STD, 1.0).with(Metric.ACCURACY, 0.0);
    List<Finding> whole = run(30, row);
    List<StepMetrics> before = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      before.add(row.apply(i));
    }
    List<Finding> found = new ArrayList<>();
    Doctor resumed = new Doctor("tune", DEFAULTS, StageListener.NONE, found::add);
    resumed.catchUp(before, List.of(), Map.of(3L, 0.5));
    for (int i = 20; i < 30; i++) {
      resumed.onStep(row.apply(i));
    }
    assertEquals(List.of(), found, "zero_std (step 9) and truncated (step 3) were found before the stop");
    assertEquals(List.of("truncated", "zero_std"), rules(resumed.findings()), "in the order they were found");
    assertEquals(whole.get(0), resumed.findings().get(1));
    assertEquals("doctor: 2 findings (truncated, zero_std)", resumed.summary());
  }

  @Test
  void catchingUpToTheMiddleOfAWindowFiresWhereTheWholeRunDid() {
    IntFunction<StepMetrics> row = i -> healthy(i).with(Metric.FRAC_ZERO_STD, 1.0);
    List<Finding> whole = run(12, row);
    List<Finding> found = new ArrayList<>();
    Doctor resumed = new Doctor("tune", DEFAULTS, StageListener.NONE, found::add);
    resumed.catchUp(List.of(row.apply(0), row.apply(1), row.apply(2), row.apply(3)), List.of(), Map.of());
    for (int i = 4; i < 12; i++) {
      resumed.onStep(row.apply(i));
    }
    assertEquals(whole, found);
  }

  @Test
  void settingsAreCheckedByTheirDefinition() {
    DoctorSettings d = DoctorSettings.defaults();
    assertTrue(d.on());
    assertEquals(List.of(0.75, 10.0, 0.2, 10.0, 0.1, 0.1),
        List.of(d.zeroStd(), (double) d.window(), d.truncated(), d.spike(), d.entropy(), d.evalDrop()));
    assertFalse(DoctorSettings.OFF.create(DoctorSettings.OFF.defaults()).on());
    assertEquals(List.of("warn", "off"), DoctorSettings.BUILT_IN.stream().map(x -> x.name()).toList());
    assertThrows(IllegalArgumentException.class, () -> DoctorSettings.WARN.args("zero", 0.5));
    assertTrue(DoctorSettings.WARN.param("zero_std").orElseThrow().bound().contains(1.0));
    assertFalse(DoctorSettings.WARN.param("zero_std").orElseThrow().bound().contains(1.5));
    assertFalse(DoctorSettings.WARN.param("spike").orElseThrow().bound().contains(1.0));
  }
}
