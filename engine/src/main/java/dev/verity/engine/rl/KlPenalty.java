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

  /**
   * The KL term's per-token contribution to the loss, whose gradient estimates the gradient of KL(π‖π_ref):
   *
   * <ul>
   *   <li>k1: the value is d, but d is a detached penalty: its gradient is the score-function form
   *       sg(Σ_{t'≥t} d_t') · ∇log π(y_t), the KL "return" from token t on, as PPO-RLHF puts the per-token
   *       penalty into the reward. Differentiating d itself would give ∇log π, zero in expectation per token,
   *       and under 1/|y| a pull toward longer responses instead of toward π_ref.
   *   <li>k2: ½d² as it is: its gradient d · ∇log π(y_t) is the gradient of each token's KL(π‖π_ref) given the
   *       prefix.
   *   <li>k3: as it is (GRPO's choice): its gradient (1 − π_ref/π) · ∇log π(y_t) has expectation
   *       −E_{π_ref}[∇log π], the gradient of the forward KL(π_ref‖π) per token. It also vanishes at π = π_ref,
   *       so it pulls toward the target too.
   * </ul>
   *
   * @param mask (N, T) 1 on response tokens, in {@code logp}'s manager
   * @return (N, T), in {@code logp}'s manager
   */
  public static NDArray lossPerToken(KlSpec.Estimator estimator, NDArray logp, NDArray refLogp, NDArray mask) {
    if (estimator != KlSpec.Estimator.K1) {
      return perToken(estimator, logp, refLogp);
    }
    NDArray d = logp.stopGradient().sub(refLogp).mul(mask); // (N, T), detached
    NDArray toGo = d.sum(new int[] {1}, true).sub(d.cumSum(1)).add(d); // (N, T): Σ_{t'≥t} d_t'
    NDArray score = logp.sub(logp.stopGradient()); // (N, T): value 0, gradient ∇log π
    return d.add(score.mul(toGo)); // value d, gradient toGo · ∇log π
  }

  /** The masked mean over each sequence's tokens, then the mean over sequences: a scalar. */
  static NDArray sequenceThenBatchMean(NDArray perToken, NDArray mask, NDArray tokenCounts) {
    return perToken.mul(mask).sum(new int[] {1}).div(tokenCounts).mean(); // (N, T) → (N) → ()
  }
}
