package dev.verity.engine.rl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.Training;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.train.StageContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * k1.5's τ term, (τ/2)(log π/π_prev)² with π_prev the policy that sampled the batch, is zero with zero gradient on
 * the batch's first optimiser step: at one epoch τ changes nothing, from the second epoch on it does. This is why
 * the checker asks k15 for epochs ≥ 2.
 */
class K15TauTest {

  @Test
  void tauChangesNothingAtOneEpochAndTheUpdateFromTheSecond() {
    assertTrue(Training.sameWeights(trainedWith(0.0, 1), trainedWith(5.0, 1)), "one epoch: τ has no effect");
    assertFalse(Training.sameWeights(trainedWith(0.0, 2), trainedWith(5.0, 2)), "two epochs: τ pulls back");
  }

  /** The weights after two RL steps of k15 with {@code tau}, from the same start, seed and samples. */
  private static Map<String, float[]> trainedWith(double tau, int epochs) {
    RlSpec spec =
        new RlSpec(
            Training.EXACT_PLUS_LENGTH, new SamplingSpec(Schedule.constant(1.0), 0, 1.0, 16, 4), 4,
            new Algorithm.K15(tau), Optional.empty(), Schedule.constant(1e-2), 2, epochs, Optional.empty(),
            Prioritize.UNIFORM, Optional.empty(), 0.0, 0.0);
    try (Policy policy = Training.policy(Training.TINY, 3);
        RlTrainer trainer = new RlTrainer(policy, Training.ADDITION, spec, StageContext.of("rl", 0, 3))) {
      trainer.run(new Training.Rows());
      return Training.weights(policy);
    }
  }
}
