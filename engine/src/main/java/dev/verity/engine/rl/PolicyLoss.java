package dev.verity.engine.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.verity.engine.runtime.Tensors;

/**
 * The policy-gradient loss of each {@link Algorithm} over one batch of sampled responses, plus its KL term.
 *
 * <p>Inputs are (N, T) float32 over response tokens: log-probabilities of the sampled tokens under the policy
 * being trained ({@code logp}, with gradient), under the policy that sampled them or the previous iterate
 * ({@code oldLogp}), and under the KL target ({@code refLogp}); {@code mask} is 1 on real response tokens
 * (end marker included) and 0 on padding. Every array made here is made by an op on {@code logp} or on an
 * array derived from it, so it belongs to {@code logp}'s manager: call this inside a per-step sub-manager.
 */
public final class PolicyLoss {
  private static final int[] TOKENS = {1};

  /**
   * @param loss the scalar to differentiate with respect to {@code logp}
   * @param kl the mean per-token KL estimate to the target (per sequence, then over the batch)
   * @param clipFraction the share of tokens whose clipped surrogate was the smaller one (its gradient cut); 0
   *     for algorithms without a ratio clip
   */
  public record Result(NDArray loss, double kl, double clipFraction) {}

  private PolicyLoss() {}

  /**
   * The loss of {@code algorithm} for one batch.
   *
   * @param advantages one per sequence, from {@link Advantages}
   * @param kl the KL term, or null for none (the KL is still measured, with k3, for the metric)
   * @param klCoefficient the KL coefficient at this step
   * @param maxTokens Dr. GRPO's constant divisor (the sampling max_tokens)
   */
  public static Result compute(
      Algorithm algorithm,
      NDArray logp,
      NDArray oldLogp,
      NDArray refLogp,
      NDArray mask,
      double[] advantages,
      KlSpec kl,
      double klCoefficient,
      int maxTokens) {
    checkShapes(logp, oldLogp, refLogp, mask, advantages);
    int n = advantages.length;
    NDArray m = logp.zerosLike().add(mask); // (N, T): the mask, copied into logp's manager
    NDArray one = Tensors.scalar(logp, 1); // scalars from Tensors: DJL's number overloads are unsafe under autograd
    NDArray counts = m.sum(TOKENS).maximum(one); // (N): tokens per sequence, ≥ 1 so empty ones give 0
    NDArray adv = logp.getManager().create(toFloats(advantages), new Shape(n, 1)); // (N, 1)

    NDArray loss;
    double clipFraction = 0;
    if (algorithm instanceof Algorithm.Reinforce || algorithm instanceof Algorithm.Rloo) {
      loss = aggregate(algorithm, logp.mul(adv), m, counts, maxTokens).neg(); // −mean_i(A_i · Σ_t log π)
    } else if (algorithm instanceof Algorithm.Rft) {
      // −Σ_kept Σ_t log π / Σ_kept |y|: SFT's token mean over the kept responses (A is 1 kept, 0 dropped)
      NDArray keptTokens = counts.mul(adv.reshape(n)).sum().maximum(one); // (): ≥ 1, so no kept sample gives 0
      loss = logp.mul(adv).mul(m).sum().div(keptTokens).neg();
    } else if (algorithm instanceof Algorithm.K15 k15) {
      NDArray seq = logp.mul(m).sum(TOKENS); // (N)
      NDArray seqOld = m.mul(oldLogp).sum(TOKENS); // (N): the same under the previous iterate
      NDArray drift = seq.sub(seqOld); // (N): log π/π_prev of each response
      loss = seq.mul(adv.reshape(n)).neg().add(drift.square().mul(Tensors.scalar(logp, k15.tau() / 2))).mean();
    } else {
      if (algorithm instanceof Algorithm.DrGrpo && maxTokens < 1) {
        throw new IllegalArgumentException("dr_grpo needs max_tokens >= 1, got " + maxTokens);
      }
      Surrogate s = Surrogate.of(logp, oldLogp, adv, m, clipOf(algorithm));
      clipFraction = s.clipFraction();
      loss = aggregate(algorithm, s.perToken(), m, counts, maxTokens);
    }

    // the KL term: aggregated over tokens as the algorithm aggregates its own loss
    if (kl != null) {
      NDArray term = aggregate(algorithm, KlPenalty.lossPerToken(kl.estimator(), logp, refLogp, m), m, counts,
          maxTokens);
      loss = loss.add(term.mul(Tensors.scalar(term, klCoefficient)));
    }
    // the metric: the mean per-token estimate (per sequence, then over the batch), outside the graph
    KlSpec.Estimator estimator = kl != null ? kl.estimator() : KlSpec.Estimator.K3;
    NDArray klMean =
        KlPenalty.sequenceThenBatchMean(KlPenalty.perToken(estimator, logp.stopGradient(), refLogp), m, counts);
    return new Result(loss, klMean.getFloat(), clipFraction);
  }

  /**
   * Reduces per-token terms (N, T) to the scalar loss as {@code algorithm} does: REINFORCE, RLOO and k1.5 sum
   * each sequence's tokens (log π(y) of the whole response) and average over the batch; GRPO averages each
   * sequence's tokens (1/|y|), then the batch; Dr. GRPO divides each sequence's token sum by the constant
   * max_tokens; REINFORCE++ and RFT average over every token of the batch.
   */
  static NDArray aggregate(Algorithm algorithm, NDArray perToken, NDArray m, NDArray counts, int maxTokens) {
    NDArray sums = perToken.mul(m).sum(TOKENS); // (N)
    if (algorithm instanceof Algorithm.Grpo) {
      return sums.div(counts).mean();
    } else if (algorithm instanceof Algorithm.DrGrpo) {
      return sums.div(Tensors.scalar(sums, maxTokens)).mean();
    } else if (algorithm instanceof Algorithm.ReinforcePp || algorithm instanceof Algorithm.Rft) {
      return sums.sum().div(m.sum().maximum(Tensors.scalar(sums, 1)));
    } else {
      return sums.mean(); // Reinforce, Rloo, K15: sequence sums
    }
  }

  /** PPO's clipped surrogate per token and how often the clip bound. */
  private record Surrogate(NDArray perToken, double clipFraction) {
    static Surrogate of(NDArray logp, NDArray oldLogp, NDArray adv, NDArray mask, double clip) {
      NDArray ratio = logp.sub(oldLogp).exp(); // (N, T): π/π_old per token
      NDArray unclipped = ratio.mul(adv); // (N, T)
      NDArray clipped = ratio.clip(1 - clip, 1 + clip).mul(adv); // (N, T)
      NDArray perToken = unclipped.minimum(clipped).neg(); // (N, T): −min(ratio·A, clip(ratio)·A)
      NDArray bound = clipped.lt(unclipped).toType(DataType.FLOAT32, false).mul(mask); // (N, T)
      double tokens = mask.sum().getFloat();
      return new Surrogate(perToken, tokens == 0 ? 0 : bound.sum().getFloat() / tokens);
    }
  }

  private static double clipOf(Algorithm algorithm) {
    double clip;
    if (algorithm instanceof Algorithm.Grpo g) {
      clip = g.clip();
    } else if (algorithm instanceof Algorithm.DrGrpo d) {
      clip = d.clip();
    } else if (algorithm instanceof Algorithm.ReinforcePp r) {
      clip = r.clip();
    } else {
      throw new IllegalArgumentException("unknown algorithm " + algorithm);
    }
    if (!(clip > 0 && clip < 1)) {
      throw new IllegalArgumentException("clip must be between 0 and 1 (e.g. clip: 0.2), got " + clip);
    }
    return clip;
  }

  private static void checkShapes(NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray mask, double[] adv) {
    Shape shape = logp.getShape();
    if (shape.dimension() != 2) {
      throw new IllegalArgumentException("logp must be (sequences, tokens), got " + shape);
    }
    String[] names = {"oldLogp", "refLogp", "mask"};
    NDArray[] arrays = {oldLogp, refLogp, mask};
    for (int i = 0; i < arrays.length; i++) {
      if (!arrays[i].getShape().equals(shape)) {
        throw new IllegalArgumentException(names[i] + " has shape " + arrays[i].getShape() + ", expected " + shape);
      }
    }
    if (adv.length != shape.get(0)) {
      throw new IllegalArgumentException(adv.length + " advantages for " + shape.get(0) + " sequences");
    }
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
