package dev.verity.engine.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.Training;
import dev.verity.engine.TrainedAddition;
import dev.verity.engine.model.Policy;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.rl.RlTrainer;
import dev.verity.engine.sft.SftTrainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run is a pure function of its seed: same seed, same bits; another seed, another run. */
class DeterminismTest {
  private static final int SFT_STEPS = 30;
  private static final int RL_STEPS = 5;

  private record Outcome(List<StepMetrics> metrics, Map<String, float[]> weights) {}

  private static Outcome sft(long seed) {
    try (Policy policy = Training.policy(Training.SMALL, seed);
        SftTrainer trainer =
            new SftTrainer(
                policy, Training.ADDITION, Training.scratchpadSft(SFT_STEPS, 64, 3e-3),
                StageContext.of("sft", 0, seed))) {
      List<StepMetrics> rows = trainer.run(StageListener.NONE).metrics();
      return new Outcome(rows, Training.weights(policy));
    }
  }

  /** RL from the part-way SFT model: sampling, a KL term, failure-rate prioritisation and a curriculum. */
  private static Outcome rl(long seed) {
    RlSpec spec = Training.statefulRl(RL_STEPS);
    try (Policy policy = Training.loadPolicy(TrainedAddition.get().partWay());
        RlTrainer trainer = new RlTrainer(policy, Training.ADDITION, spec, StageContext.of("rl", 1, seed))) {
      List<StepMetrics> rows = trainer.run(StageListener.NONE).metrics();
      return new Outcome(rows, Training.weights(policy));
    }
  }

  @Test
  void sftWithTheSameSeedGivesBitIdenticalWeightsAndMetrics() {
    Outcome a = sft(5);
    Outcome b = sft(5);
    Training.assertSameMetrics(a.metrics(), b.metrics());
    Training.assertSameWeights(a.weights(), b.weights());
    assertTrue(a.metrics().get(SFT_STEPS - 1).loss() < a.metrics().get(0).loss(), "the runs trained");
  }

  @Test
  void sftWithAnotherSeedGivesOtherWeightsAndLosses() {
    Outcome a = sft(5);
    Outcome b = sft(6);
    assertFalse(Training.sameWeights(a.weights(), b.weights()));
    assertNotEquals(a.metrics().get(SFT_STEPS - 1).loss(), b.metrics().get(SFT_STEPS - 1).loss());
  }

  @Test
  void rlWithTheSameSeedGivesBitIdenticalWeightsAndMetrics() {
    Outcome a = rl(7);
    Outcome b = rl(7);
    Training.assertSameMetrics(a.metrics(), b.metrics());
    Training.assertSameWeights(a.weights(), b.weights());
    assertTrue(a.metrics().stream().anyMatch(m -> m.kl() > 0), "the policy drifted from its reference");
    assertTrue(a.metrics().stream().anyMatch(m -> m.fracZeroStd() < 1), "some groups had signal");
  }

  @Test
  void rlWithAnotherSeedSamplesOtherResponsesAndEndsWithOtherWeights() {
    Outcome a = rl(7);
    Outcome b = rl(8);
    assertFalse(Training.sameWeights(a.weights(), b.weights()));
    assertNotEquals(a.metrics().get(0).entropy(), b.metrics().get(0).entropy(), "other samples from step 0");
  }
}
