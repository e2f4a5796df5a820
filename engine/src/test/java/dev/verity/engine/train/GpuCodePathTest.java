package dev.verity.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.Training;
import dev.verity.engine.model.Policy;
import dev.verity.engine.rl.Algorithm;
import dev.verity.engine.rl.KlSpec;
import dev.verity.engine.rl.Prioritize;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.rl.RlTrainer;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.runtime.DeterministicOps;
import dev.verity.engine.sft.SftTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The code path a GPU takes (one-hot embeddings and target picks, {@link DeterministicOps}) run through SFT, KV-cache
 * sampling and RL with a KL term on the CPU: the same forward numbers as the CPU's own ops, and gradients that
 * differ only by the order of a sum.
 */
class GpuCodePathTest {
  private static final int SFT_STEPS = 6;
  private static final int RL_STEPS = 2;

  private static List<StepMetrics> train(boolean gpuPath) {
    String before = System.getProperty(DeterministicOps.PROPERTY);
    if (gpuPath) {
      System.setProperty(DeterministicOps.PROPERTY, "always");
    } else {
      System.clearProperty(DeterministicOps.PROPERTY);
    }
    try (Policy policy = Training.policy(Training.SMALL, 3)) {
      List<StepMetrics> rows = new ArrayList<>();
      try (SftTrainer sft = new SftTrainer(policy, Training.ADDITION, Training.scratchpadSft(SFT_STEPS, 16, 3e-3),
          StageContext.of("sft", 0, 3))) {
        rows.addAll(sft.run(StageListener.NONE).metrics());
      }
      RlSpec rl = new RlSpec(Training.EXACT_PLUS_LENGTH, Training.sampling(1.0, 4), 4,
          new Algorithm.Reinforce(Algorithm.Baseline.GROUP_MEAN),
          Optional.of(new KlSpec(KlSpec.Estimator.K3, Schedule.constant(0.05), KlSpec.Target.REFERENCE)),
          Schedule.constant(1e-4), RL_STEPS, 1, Optional.empty(), Prioritize.UNIFORM, Optional.empty(), 0.0, 1.0);
      try (RlTrainer trainer = new RlTrainer(policy, Training.ADDITION, rl, StageContext.of("rl", 1, 3))) {
        rows.addAll(trainer.run(StageListener.NONE).metrics());
      }
      return rows;
    } finally {
      if (before == null) {
        System.clearProperty(DeterministicOps.PROPERTY);
      } else {
        System.setProperty(DeterministicOps.PROPERTY, before);
      }
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= 1e-3 * Math.max(1, Math.abs(expected)),
        what + ": " + expected + " vs " + actual);
  }

  @Test
  void theGpuFormulationsTrainAsTheCpusOpsDo() {
    List<StepMetrics> cpu = train(false);
    List<StepMetrics> gpuPath = train(true);
    assertEquals(SFT_STEPS + RL_STEPS, gpuPath.size(), "every step ran");
    assertEquals(Double.doubleToRawLongBits(cpu.get(0).loss()), Double.doubleToRawLongBits(gpuPath.get(0).loss()),
        "the first step's loss, from the same weights: the one-hot forward pass is exact");
    for (int i = 0; i < cpu.size(); i++) {
      StepMetrics a = cpu.get(i);
      StepMetrics b = gpuPath.get(i);
      assertClose(a.loss(), b.loss(), a.stage() + " step " + a.step() + " loss");
      assertClose(a.gradNorm(), b.gradNorm(), a.stage() + " step " + a.step() + " grad_norm");
    }
    StepMetrics firstRl = gpuPath.get(SFT_STEPS);
    assertTrue(firstRl.kl() >= 0 && firstRl.responseLenMean() > 0, "RL sampled and measured its KL: " + firstRl);
  }
}
