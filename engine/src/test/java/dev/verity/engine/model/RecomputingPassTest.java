package dev.verity.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.verity.engine.RandomArrays;
import dev.verity.engine.optim.AdamW;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.tokenizer.CharTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recomputing the first blocks in the backward pass changes the memory a training step holds, never its numbers:
 * the logits, every weight's gradient and the weights after optimiser steps are the same bits as with every block
 * recorded.
 */
class RecomputingPassTest {
  private static final ModelSpec SPEC = new ModelSpec(3, 2, 32, 24);
  private static final CharTokenizer TOKENIZER = CharTokenizer.of("0123456789+=|>");
  private static final int ROWS = 6;
  private static final int WIDTH = 20;

  /** What a run of optimiser steps leaves: each step's logits and gradients, then the final weights. */
  private record Trace(List<float[]> values) {}

  private static Trace train(int recomputed, int steps) {
    TorchRuntime.noGradOnThisThread();
    List<float[]> seen = new ArrayList<>();
    try (Policy policy = Policy.initialise(SPEC, TOKENIZER, 7, Device.cpu())) {
      policy.weights().requireGradients();
      try (AdamW adam = new AdamW(policy.weights().arrays(), policy.weights().manager())) {
        for (int s = 0; s < steps; s++) {
          try (NDManager step = policy.newStepManager()) {
            long[] ids = RandomArrays.ids(ROWS * WIDTH, TOKENIZER.vocabSize(), s);
            NDArray tokens = step.create(ids, new Shape(ROWS, WIDTH)); // (B, T)
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
              RecomputingPass pass = RecomputingPass.run(policy.transformer(), tokens, recomputed);
              NDArray logits = pass.logits(); // (B, T, V)
              seen.add(logits.toFloatArray());
              float[] weights = RandomArrays.gaussian(Math.toIntExact(logits.size()), 100 + s);
              NDArray probe = step.create(weights, logits.getShape()); // (B, T, V)
              collector.backward(logits.logSoftmax(-1).mul(probe).sum());
              pass.finishBackward();
            }
            for (NDArray w : policy.weights().arrays()) {
              try (NDArray g = w.getGradient()) {
                seen.add(g.toFloatArray());
              }
            }
            adam.step(policy.weights().arrays(), step, 1e-2, 0.01, 1.0);
          }
        }
      }
      for (NDArray w : policy.weights().arrays()) {
        seen.add(w.toFloatArray());
      }
    }
    return new Trace(seen);
  }

  private static void assertSameBits(Trace expected, Trace actual, String what) {
    assertEquals(expected.values().size(), actual.values().size(), what);
    for (int a = 0; a < expected.values().size(); a++) {
      float[] e = expected.values().get(a);
      float[] g = actual.values().get(a);
      assertEquals(e.length, g.length, what + ", array " + a);
      for (int i = 0; i < e.length; i++) {
        assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(g[i]),
            what + ", array " + a + " at " + i + ": " + e[i] + " vs " + g[i]);
      }
    }
  }

  @Test
  void recomputingAnyNumberOfFirstBlocksGivesTheSameLogitsGradientsAndWeights() {
    Trace recorded = train(0, 3);
    for (int recomputed = 1; recomputed < SPEC.layers(); recomputed++) {
      assertSameBits(recorded, train(recomputed, 3), recomputed + " blocks recomputed");
    }
  }

  @Test
  void theGradientsAreNotZero() {
    // the comparison above would pass if no gradient reached the recomputed blocks and the embeddings at all
    Trace trace = train(2, 1);
    int arrays = trace.values().size();
    int weights = (arrays - 1) / 2; // one logits array, then the gradients, then the weights
    for (int a = 1; a <= weights; a++) {
      float[] g = trace.values().get(a);
      double sum = 0;
      for (float v : g) {
        sum += Math.abs(v);
      }
      assertTrue(sum > 0, "gradient " + a + " is all zeros");
    }
  }

  @Test
  void onlyPassesLargerThanTheBudgetRecomputeBlocks() {
    ModelSpec standard = new ModelSpec(4, 4, 128, 160);
    // the RL shape of verity bench: 256 sequences of BOS + a 15-token prompt + 127 response tokens
    assertEquals(402_395_136L, RecomputingPass.savedBytesPerBlock(standard, 256, 143));
    assertEquals(1, RecomputingPass.blocksToRecompute(standard, 256, 143));
    // the headline's RL steps: 32 prompts × 8 samples, at most 95 tokens read
    assertEquals(0, RecomputingPass.blocksToRecompute(standard, 256, 95));
    assertEquals(0, RecomputingPass.blocksToRecompute(standard, 64, 64));
    // however large the pass, one block is still recorded
    assertEquals(3, RecomputingPass.blocksToRecompute(standard, 65_536, 160));
  }

  @Test
  void aCountOutsideTheModelIsRefusedWithTheRange() {
    TorchRuntime.noGradOnThisThread();
    try (Policy policy = Policy.initialise(SPEC, TOKENIZER, 7, Device.cpu());
        NDManager step = policy.newStepManager()) {
      NDArray tokens = step.zeros(new Shape(1, 4), ai.djl.ndarray.types.DataType.INT64);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> RecomputingPass.run(policy.transformer(), tokens, 3));
      assertEquals("recomputed blocks 3: give 0 to 2", e.getMessage());
    }
  }
}
