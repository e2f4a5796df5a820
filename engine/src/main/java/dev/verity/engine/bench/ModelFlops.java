package dev.verity.engine.bench;

import dev.verity.engine.model.ModelSpec;

/**
 * The floating-point operations the model itself needs (PaLM's "model FLOPs", which leave out recomputation and
 * lookups): 2 per weight of a matrix product per token forward, 4·layers·S·dim for attention over S keys, and
 * three times the forward for training (backward twice the forward). Attention is counted over the full
 * (T, T) score matrix, as the engine computes it.
 */
final class ModelFlops {
  private ModelFlops() {}

  /** Weights in matrix products: per layer q k v (3d²), projection (d²), MLP (8d²); the tied head (V·d). */
  static double matrixWeights(ModelSpec spec, int vocab) {
    double d = spec.dim();
    return spec.layers() * 12 * d * d + (double) vocab * d;
  }

  /** Per token read in a training step on sequences of {@code width} tokens: forward and backward. */
  static double training(ModelSpec spec, int vocab, int width) {
    return 6 * matrixWeights(spec, vocab) + 12.0 * spec.layers() * width * spec.dim();
  }

  /**
   * One sequence's sampling of {@code newTokens}: the prefill of {@code width} tokens (full attention over them),
   * then a decode step for each new token but the last, step s attending to width + s keys.
   */
  static double sampling(ModelSpec spec, int vocab, int width, int newTokens) {
    double perToken = 2 * matrixWeights(spec, vocab);
    double attention = 4.0 * spec.layers() * spec.dim();
    double total = width * (perToken + attention * width);
    for (int s = 1; s < newTokens; s++) { // the last token picked is not fed back
      total += perToken + attention * (width + s);
    }
    return total;
  }
}
