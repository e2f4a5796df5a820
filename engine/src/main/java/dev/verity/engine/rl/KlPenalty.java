package dev.verity.engine.rl;

import ai.djl.ndarray.NDArray;
import dev.verity.engine.runtime.Tensors;

/** Per-token KL estimates between the policy and a target (the frozen reference or the previous iterate). */
public final class KlPenalty {
  private KlPenalty() {}

  /**
   * The estimator per token, from log-probabilities of the sampled tokens: with d = log π − log π_ref, k1 = d,
   * k2 = ½d², k3 = π_ref/π − log(π_ref/π) − 1 = exp(−d) + d − 1.
   *
   * @return (N, T), in {@code logp}'s manager
   */
  public static NDArray perToken(KlSpec.Estimator estimator, NDArray logp, NDArray refLogp) {
    NDArray d = logp.sub(refLogp); // (N, T)
    return switch (estimator) {
      case K1 -> d;
      case K2 -> d.square().mul(Tensors.scalar(d, 0.5));
      case K3 -> d.neg().exp().add(d).sub(Tensors.scalar(d, 1)); // ≥ 0, unbiased, low variance (Schulman's k3)
    };
  }

  /** The masked mean over each sequence's tokens, then the mean over sequences: a scalar. */
  static NDArray sequenceThenBatchMean(NDArray perToken, NDArray mask, NDArray tokenCounts) {
    return perToken.mul(mask).sum(new int[] {1}).div(tokenCounts).mean(); // (N, T) → (N) → ()
  }
}
