package dev.verity.engine.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.Training;
import dev.verity.engine.TrainedAddition;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Evaluator;
import dev.verity.engine.model.Policy;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.FrozenSet;
import dev.verity.engine.task.Problem;
import dev.verity.engine.train.StepMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Supervised fine-tuning on scratchpad traces teaches a small model to add 2- and 3-digit numbers. */
class SftLearningTest {
  private static final List<Problem> TEST = FrozenSet.draw(Training.ADDITION, 1, "test", 200);

  @Test
  void lossOfTheLastTwentyStepsIsFarBelowTheFirstTwenty() {
    List<StepMetrics> rows = TrainedAddition.get().metrics();
    assertEquals(TrainedAddition.STEPS, rows.size());
    double first = meanLoss(rows.subList(0, 20));
    double last = meanLoss(rows.subList(rows.size() - 20, rows.size()));
    assertTrue(last < first / 20, "loss fell from " + first + " to " + last);
    assertTrue(rows.stream().allMatch(r -> Double.isFinite(r.loss()) && Double.isFinite(r.gradNorm())));
  }

  @Test
  void greedyExactMatchAccuracyOnAFrozenSetReachesNinetyPercent() {
    try (Policy policy = Training.loadPolicy(TrainedAddition.get().end())) {
      EvalReport report = greedyEval(policy, TrainedAddition.STEPS);
      List<StepMetrics> rows = TrainedAddition.get().metrics();
      System.out.printf(
          "SftLearningTest: %d steps, loss %.3f -> %.4f, greedy accuracy %.3f (2 digits %.3f, 3 digits %.3f)%n",
          TrainedAddition.STEPS, meanLoss(rows.subList(0, 20)), meanLoss(rows.subList(rows.size() - 20, rows.size())),
          report.overall().accuracy(), report.levels().get(0).figures().accuracy(),
          report.levels().get(1).figures().accuracy());
      assertTrue(report.overall().accuracy() >= 0.9, "greedy accuracy " + report.overall().accuracy());
      for (EvalReport.LevelFigures level : report.levels()) {
        assertTrue(level.figures().accuracy() >= 0.8, "accuracy at " + level.level() + " digits: " + level.figures());
      }
    }
  }

  @Test
  void accuracyRisesOverTraining() {
    try (Policy early = Training.loadPolicy(TrainedAddition.get().partWay());
        Policy end = Training.loadPolicy(TrainedAddition.get().end())) {
      double partWay = greedyEval(early, TrainedAddition.PART_WAY).overall().accuracy();
      double last = greedyEval(end, TrainedAddition.STEPS).overall().accuracy();
      assertTrue(partWay > 0.2 && last > partWay + 0.05, "accuracy " + partWay + " then " + last);
    }
  }

  static EvalReport greedyEval(Policy policy, long step) {
    return new Evaluator(policy)
        .evaluate(
            new Evaluator.Request(
                "sft", 0, step, 1, "test", Training.ADDITION, TEST, SamplingSpec.greedy(40), TrainedAddition.SEED));
  }

  private static double meanLoss(List<StepMetrics> rows) {
    return rows.stream().mapToDouble(StepMetrics::loss).average().orElseThrow();
  }
}
