package dev.verity.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.TrainedAddition;
import dev.verity.engine.Training;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.FrozenSet;
import dev.verity.engine.task.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sampled evaluation reports pass@k for several k from its n = per_prompt samples, and maj@k: pass@1 is the
 * accuracy, pass@k grows with k up to pass@n (any right), and a k above n is not estimated.
 */
class EvaluatorPassAtKTest {
  private static final List<Problem> TEST = FrozenSet.draw(Training.ADDITION, 1, "test", 24);

  @Test
  void passAtKGrowsWithKUpToAnyRightAndMajorityVotesAmongTheSamples() {
    try (Policy policy = Training.loadPolicy(TrainedAddition.get().partWay())) {
      Figures eight = evaluate(policy, 8);
      double p4 = eight.get(Metric.PASS_AT_4);
      double p8 = eight.get(Metric.PASS_AT_8);
      assertTrue(eight.accuracy() > 0 && eight.accuracy() < 1, "a part-way model is sometimes right: " + eight);
      assertTrue(eight.accuracy() <= p4 && p4 <= p8, eight.toString());
      assertEquals(eight.passAtK(), p8, 1e-12, "pass@8 from 8 samples is the share with any right");
      assertTrue(Double.isNaN(eight.get(Metric.PASS_AT_16)), "16 > 8 samples: not estimated");
      double maj = eight.get(Metric.MAJ_AT_K);
      assertTrue(maj >= 0 && maj <= eight.passAtK(), "a voted answer is right only where some sample is: " + maj);

      Figures one = evaluate(policy, 1);
      assertTrue(Double.isNaN(one.get(Metric.PASS_AT_4)));
      assertEquals(one.accuracy(), one.get(Metric.MAJ_AT_K), 1e-12, "one sample: the vote is that sample");
    }
  }

  private static Figures evaluate(Policy policy, int perPrompt) {
    SamplingSpec sampled = new SamplingSpec(Schedule.constant(1.0), 0, 1.0, 40, perPrompt);
    return new Evaluator(policy).evaluate(new Evaluator.Request(
        "eval", 0, 0, 1, "test", Training.ADDITION, TEST, sampled, TrainedAddition.SEED)).overall();
  }
}
