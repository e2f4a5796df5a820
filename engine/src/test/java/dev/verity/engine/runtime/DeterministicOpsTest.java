package dev.verity.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.training.GradientCollector;
import dev.verity.engine.RandomArrays;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The one-hot formulations a GPU run uses give today's values and gradients, computed here on the CPU; and on the
 * CPU the engine keeps today's ops, bit for bit.
 */
class DeterministicOpsTest {
  private static final int VOCAB = 32;
  private static final int DIM = 16;

  /** Forward values and the gradient of {@code weights} for a loss Σ out · w, w fixed random weights. */
  private record Pass(float[] values, float[] gradient) {}

  private static Pass pass(float[] weights, Shape shape, BiFunction<NDManager, NDArray, NDArray> op) {
    TorchRuntime.noGradOnThisThread();
    try (NDManager root = NDManager.newBaseManager();
        NDManager step = root.newSubManager()) {
      NDArray table = Tensors.aligned(root, weights, shape);
      table.setRequiresGradient(true);
      float[] values;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray out = op.apply(step, table);
        values = out.toFloatArray();
        float[] probe = random(values.length, 11);
        NDArray loss = out.mul(step.create(probe, out.getShape())).sum();
        collector.backward(loss);
      }
      try (NDArray grad = table.getGradient()) {
        return new Pass(values, grad.toFloatArray());
      }
    }
  }

  private static float[] random(int n, long seed) {
    return RandomArrays.gaussian(n, seed);
  }

  private static long[] ids(int n, int bound, long seed) {
    return RandomArrays.ids(n, bound, seed);
  }

  private static void assertSameBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
          what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      float tolerance = 1e-5f * Math.max(1f, Math.abs(expected[i]));
      assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance,
          what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
    }
  }

  @Test
  void theOneHotEmbeddingGivesTheSameRowsAndGradients() {
    float[] table = random(VOCAB * DIM, 3);
    long[] tokens = ids(8 * 40, VOCAB, 4); // (8, 40): every row of the table used many times
    BiFunction<NDManager, NDArray, NDArray> lookup = (step, t) -> Embedding.embedding(
        step.create(tokens, new Shape(8, 40)), t, SparseFormat.DENSE).singletonOrThrow();
    Pass today = pass(table, new Shape(VOCAB, DIM), lookup);
    Pass oneHot = pass(table, new Shape(VOCAB, DIM),
        (step, t) -> DeterministicOps.embed(step.create(tokens, new Shape(8, 40)), t, true));
    assertSameBits(today.values(), oneHot.values(), "rows (a sum with one non-zero term is exact)");
    assertClose(today.gradient(), oneHot.gradient(), "gradient of the table (summed in another order)");
    assertTrue(today.gradient()[0] != 0, "the gradient is not trivially zero");
  }

  @Test
  void theOneHotPositionEmbeddingBroadcastsLikeTheLookup() {
    float[] table = random(24 * DIM, 5);
    long[] positions = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}; // (1, T), as in training
    Pass today = pass(table, new Shape(24, DIM), (step, t) -> Embedding.embedding(
        step.create(positions, new Shape(1, 10)), t, SparseFormat.DENSE).singletonOrThrow());
    Pass oneHot = pass(table, new Shape(24, DIM),
        (step, t) -> DeterministicOps.embed(step.create(positions, new Shape(1, 10)), t, true));
    assertSameBits(today.values(), oneHot.values(), "rows");
    assertSameBits(today.gradient(), oneHot.gradient(), "gradient (each row used once: nothing to reorder)");
  }

  @Test
  void pickingTargetTokensByOneHotGivesTheSameValuesAndGradients() {
    float[] logits = random(6 * 9 * VOCAB, 7);
    long[] targets = ids(6 * 9, VOCAB, 8);
    BiFunction<Boolean, Boolean, Pass> run = (oneHot, unused) -> pass(logits, new Shape(6, 9, VOCAB),
        (step, l) -> DeterministicOps.pickLast(l.logSoftmax(-1), step.create(targets, new Shape(6, 9, 1)), oneHot));
    Pass today = run.apply(false, false);
    Pass oneHot = run.apply(true, false);
    assertEquals(6 * 9, today.values().length, "(N, T)");
    assertSameBits(today.values(), oneHot.values(), "log-probabilities");
    assertClose(today.gradient(), oneHot.gradient(), "gradient of the logits");
  }

  @Test
  void pickingResponseColumnsByOneHotGivesTheSameValuesAndGradients() {
    float[] values = random(5 * 12, 9);
    long[] index = {3, 4, 5, 0, 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 0, 0, 0, 0, 0, 6, 7, 0, 0, 0}; // (5, 5), padding 0
    BiFunction<Boolean, Boolean, Pass> run = (oneHot, unused) -> pass(values, new Shape(5, 12),
        (step, v) -> DeterministicOps.pickColumns(v, step.create(index, new Shape(5, 5)), oneHot));
    Pass today = run.apply(false, false);
    Pass oneHot = run.apply(true, false);
    assertSameBits(today.values(), oneHot.values(), "picked values");
    assertClose(today.gradient(), oneHot.gradient(), "gradient (a repeated column sums its terms in another order)");
  }

  @Test
  void onTheCpuTheEngineKeepsTodaysOpsBitForBit() {
    float[] table = random(VOCAB * DIM, 13);
    long[] tokens = ids(16 * 30, VOCAB, 14);
    Pass today = pass(table, new Shape(VOCAB, DIM), (step, t) -> Embedding.embedding(
        step.create(tokens, new Shape(16, 30)), t, SparseFormat.DENSE).singletonOrThrow());
    Pass engine = pass(table, new Shape(VOCAB, DIM),
        (step, t) -> DeterministicOps.embed(step.create(tokens, new Shape(16, 30)), t));
    assertSameBits(today.values(), engine.values(), "rows");
    assertSameBits(today.gradient(), engine.gradient(), "gradient: the same op, the same summation order");

    float[] logits = random(4 * 7 * VOCAB, 15);
    long[] targets = ids(4 * 7, VOCAB, 16);
    Pass gathered = pass(logits, new Shape(4, 7, VOCAB), (step, l) ->
        l.logSoftmax(-1).gather(step.create(targets, new Shape(4, 7, 1)), -1).squeeze(-1));
    Pass picked = pass(logits, new Shape(4, 7, VOCAB),
        (step, l) -> DeterministicOps.pickLast(l.logSoftmax(-1), step.create(targets, new Shape(4, 7, 1))));
    assertSameBits(gathered.values(), picked.values(), "log-probabilities");
    assertSameBits(gathered.gradient(), picked.gradient(), "gradient");
    assertArrayEquals(new int[] {4 * 7}, new int[] {picked.values().length});
  }
}
