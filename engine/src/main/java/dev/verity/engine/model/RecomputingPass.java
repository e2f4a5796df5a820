package dev.verity.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A training forward pass that saves the activations of only its last blocks for the backward pass: the first
 * {@code recomputed} blocks run without recording, and {@link #finishBackward} runs them again, recording, after
 * the backward pass from the loss has reached their output. This is activation checkpointing at one boundary.
 *
 * <p>Why: at the RL shape (256 sequences of 143 tokens) each block saves about 384 MiB for its backward pass (the
 * attention probabilities alone are B·H·T² floats), and the resident memory is set by that peak. Each block
 * recomputed takes its share off the peak, at the cost of its forward pass once more.
 *
 * <p>The gradients are the same bits as without recomputation: the recomputed forward runs the same kernels on
 * the same inputs; the boundary's gradient is the same sum of its two uses (the next block's norm and its residual
 * path); and the token embedding, used at the input and by the tied head, gets its two terms added in the other
 * order, which for two terms gives the same float. That argument needs exactly one pass per backward, so a loss
 * summed over several passes must not use this.
 */
public final class RecomputingPass {
  /**
   * Activations a training pass keeps for its backward pass before it recomputes blocks instead. At the RL shape
   * (256 × 143 tokens, 4 blocks of dim 128) each block saves ~384 MiB: one block is recomputed, and the resident
   * memory after a short bench falls from ~2.0 to ~1.6 GB for ~7% of training speed; over hundreds of RL steps
   * the allocator's fragmentation takes it back to just under 2 GB (docs/performance.md). The headline's RL steps
   * (256 × at most 95 tokens) stay under the budget and recompute nothing.
   */
  public static final long ACTIVATION_BUDGET_BYTES = 1280L << 20;

  private final Transformer model;
  private final NDArray tokens; // (B, T)
  private final NDArray positions; // (1, T)
  private final NDArray mask; // (T, T)
  private final int recomputed;
  private final NDArray boundary; // (B, T, D): the first kept block's input, a leaf that collects its gradient
  private final NDArray logits; // (B, T, V)

  private RecomputingPass(Transformer model, NDArray tokens, int recomputed) {
    this.model = model;
    this.tokens = tokens;
    this.recomputed = recomputed;
    NDManager step = tokens.getManager();
    int t = Math.toIntExact(tokens.getShape().get(1));
    this.positions = step.arange(0, t, 1, DataType.INT64).expandDims(0); // (1, T)
    this.mask = model.causalMask(step, t);
    if (recomputed == 0) {
      this.boundary = null;
      this.logits = model.forward(tokens, positions, mask, null);
      return;
    }
    boolean recording = JniUtils.isGradMode();
    NDArray x;
    JniUtils.setGradMode(false);
    try {
      x = firstBlocks();
    } finally {
      JniUtils.setGradMode(recording);
    }
    x.setRequiresGradient(true);
    this.boundary = x;
    for (int i = recomputed; i < model.spec().layers(); i++) {
      x = model.block(i, x, mask, null, i > recomputed); // the boundary's handle stays open for its gradient
    }
    this.logits = model.head(x);
  }

  /**
   * The forward pass of {@code tokens} (B, T), right-padded from position 0, recording for a backward pass all but
   * the first {@code recomputed} blocks (0 records every block, as {@link Transformer#logits}).
   */
  public static RecomputingPass run(Transformer model, NDArray tokens, int recomputed) {
    if (recomputed < 0 || recomputed >= model.spec().layers()) {
      throw new IllegalArgumentException(
          "recomputed blocks " + recomputed + ": give 0 to " + (model.spec().layers() - 1));
    }
    return new RecomputingPass(model, tokens, recomputed);
  }

  /** The forward pass of {@code tokens} (B, T), recomputing as few blocks as keep its saved activations in budget. */
  public static RecomputingPass run(Transformer model, NDArray tokens) {
    Shape shape = tokens.getShape();
    return run(model, tokens, blocksToRecompute(model.spec(), shape.get(0), shape.get(1)));
  }

  /**
   * Bytes one block saves for its backward pass on {@code rows} sequences of {@code width} tokens: per token 17·D
   * floats (its input, both norms' outputs, q k v, the scaled q, the heads' merged output, the residual sum, the
   * MLP's 4·D before and after GELU) and H·T attention probabilities.
   */
  public static long savedBytesPerBlock(ModelSpec spec, long rows, long width) {
    return rows * width * (17L * spec.dim() + (long) spec.heads() * width) * Float.BYTES;
  }

  /** The fewest first blocks whose recomputation keeps the others' saved activations within the budget. */
  public static int blocksToRecompute(ModelSpec spec, long rows, long width) {
    long perBlock = savedBytesPerBlock(spec, rows, width);
    int recorded = (int) Math.min(spec.layers(), Math.max(1, ACTIVATION_BUDGET_BYTES / Math.max(1, perBlock)));
    return spec.layers() - recorded;
  }

  /** (B, T, V) logits, owned by the tokens' manager. */
  public NDArray logits() {
    return logits;
  }

  /**
   * Completes the backward pass once the loss's has run: recomputes the first blocks, recording, and carries the
   * boundary's gradient through them into their weights and the embeddings. Nothing to do when none were skipped.
   */
  public void finishBackward() {
    if (boundary == null) {
      return;
    }
    boolean recording = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
    try (NDArray gradient = boundary.getGradient()) { // (B, T, D)
      NDArray output = firstBlocks(); // (B, T, D), bit for bit the boundary
      JniUtils.backward((PtNDArray) output, (PtNDArray) gradient, false, false);
      output.close();
    } finally {
      JniUtils.setGradMode(recording);
      boundary.close();
    }
  }

  /** The embeddings and the first {@code recomputed} blocks, recording or not as the thread's grad mode says. */
  private NDArray firstBlocks() {
    NDArray x = model.embedded(tokens, positions);
    for (int i = 0; i < recomputed; i++) {
      x = model.block(i, x, mask, null, true);
    }
    return x;
  }
}
