package dev.verity.engine.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.metric.Metric;
import dev.verity.engine.Training;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageResult;
import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every algorithm with every KL setting takes real steps on a tiny model and reports a full metrics row. */
class AlgorithmMatrixTest {
  private static final List<Algorithm> ALGORITHMS =
      List.of(
          new Algorithm.Reinforce(Algorithm.Baseline.GROUP_MEAN),
          new Algorithm.Reinforce(Algorithm.Baseline.BATCH_MEAN),
          new Algorithm.Reinforce(Algorithm.Baseline.NONE),
          new Algorithm.Grpo(0.2),
          new Algorithm.DrGrpo(0.2),
          new Algorithm.Rloo(),
          new Algorithm.ReinforcePp(0.2),
          new Algorithm.K15(0.05));

  static Stream<Arguments> settings() {
    List<Optional<KlSpec>> kls = new ArrayList<>();
    kls.add(Optional.empty());
    for (KlSpec.Estimator estimator : KlSpec.Estimator.values()) {
      for (KlSpec.Target target : KlSpec.Target.values()) {
        kls.add(Optional.of(new KlSpec(estimator, Schedule.constant(0.1), target)));
      }
    }
    List<Arguments> all = new ArrayList<>();
    for (Algorithm algorithm : ALGORITHMS) {
      for (Optional<KlSpec> kl : kls) {
        all.add(Arguments.of(algorithm, kl));
      }
    }
    return all.stream();
  }

  /**
   * Columns empty by design in these stages: fix_rate without corrections (an untrained policy writes no !), and
   * user_code_errors without user code.
   */
  private static final List<String> EMPTY_HERE = List.of(Metric.FIX_RATE.id(), Metric.USER_CODE_ERRORS.id());

  @ParameterizedTest(name = "{0} kl {1}")
  @MethodSource("settings")
  void twoStepsGiveFiniteValuesInEveryRlColumnAndMoveTheWeights(Algorithm algorithm, Optional<KlSpec> kl) {
    RlSpec spec =
        new RlSpec(
            Training.EXACT_PLUS_LENGTH, new SamplingSpec(Schedule.constant(1.0), 0, 1.0, 16, 4), 4, algorithm, kl,
            Schedule.constant(1e-3), 2, reusesBatches(algorithm) ? 2 : 1, Optional.empty(), Prioritize.UNIFORM,
            Optional.empty(), 0.0, 1.0);
    try (Policy policy = Training.policy(Training.TINY, 3)) {
      Map<String, float[]> before = Training.weights(policy);
      StageResult result;
      try (RlTrainer trainer = new RlTrainer(policy, Training.ADDITION, spec, StageContext.of("rl", 0, 3))) {
        result = trainer.run(new Training.Rows());
      }
      assertEquals(2, result.metrics().size());
      for (StepMetrics row : result.metrics()) {
        for (String column : StepMetrics.COLUMNS.subList(1, StepMetrics.COLUMNS.size())) {
          if (EMPTY_HERE.contains(column)) {
            continue;
          }
          double value = row.value(column);
          if (column.equals(Metric.FIX_RATE.id()) && row.get(Metric.REFLECT_RATE) == 0) {
            assertTrue(Double.isNaN(value), "no corrections, so no fix rate");
            continue;
          }
          assertTrue(Double.isFinite(value), "step " + row.step() + " " + column + " = " + value);
        }
        assertTrue(row.gradNorm() > 0, "a gradient flowed at step " + row.step());
        assertTrue(row.fracZeroStd() < 1, "some group had rewards to compare at step " + row.step());
        assertTrue(row.responseLenMean() > 0 && row.responseLenP90() <= 16, "lengths within max_tokens");
        assertTrue(row.entropy() > 0 && row.tokensPerS() > 0 && row.elapsedS() > 0);
        assertEquals(1e-3, row.lr(), 1e-12);
        if (kl.isEmpty() || kl.get().estimator() != KlSpec.Estimator.K1) {
          assertTrue(row.kl() >= 0, "k2 and k3 (the metric without a KL term) are never negative: " + row.kl());
        }
      }
      assertFalse(Training.sameWeights(before, Training.weights(policy)), "the weights moved");
    }
  }

  /** The algorithms that correct for a batch's reuse, and so run with several epochs (as the checker demands). */
  private static boolean reusesBatches(Algorithm algorithm) {
    return algorithm.clipped() || algorithm instanceof Algorithm.K15;
  }
}
