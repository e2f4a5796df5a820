package dev.verity.engine.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.TrainedAddition;
import dev.verity.engine.Training;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.FrozenSet;
import dev.verity.engine.task.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An evaluation samples as its sampling says, min_tokens included, as RL sampling does. */
class EvaluatorMinTokensTest {
  private static final List<Problem> TEST = FrozenSet.draw(Training.ADDITION, 1, "test", 32);

  @Test
  void minTokensHoldsBackTheEndOfEveryResponse() {
    try (Policy policy = Training.loadPolicy(TrainedAddition.get().end())) {
      double free = evaluate(policy, 0).overall().responseLenMean();
      EvalReport held = evaluate(policy, 30);
      assertTrue(free < 30, "the trained model stops before 30 tokens on its own: " + free);
      assertTrue(held.overall().responseLenMean() >= 30, "min_tokens 30: " + held.overall());
    }
  }

  private static EvalReport evaluate(Policy policy, int minTokens) {
    SamplingSpec greedy = new SamplingSpec(Schedule.constant(0), 0, 1.0, 40, 1, minTokens);
    return new Evaluator(policy).evaluate(new Evaluator.Request(
        "eval", 0, 0, 1, "test", Training.ADDITION, TEST, greedy, TrainedAddition.SEED));
  }
}
