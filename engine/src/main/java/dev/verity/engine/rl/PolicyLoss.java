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
      NDArray seq = logp.mul(m).sum(TOKENS); // (N): log π(y) of each response
      loss = seq.mul(adv.reshape(n)).mean().neg(); // −mean_i(A_i · Σ_t log π)
    } else if (algorithm instanceof Algorithm.K15 k15) {
      NDArray seq = logp.mul(m).sum(TOKENS); // (N)
      NDArray seqOld = m.mul(oldLogp).sum(TOKENS); // (N): the same under the previous iterate
      NDArray drift = seq.sub(seqOld); // (N): log π/π_prev of each response
      loss = seq.mul(adv.reshape(n)).neg().add(drift.square().mul(Tensors.scalar(logp, k15.tau() / 2))).mean();
    } else {
      Surrogate s = Surrogate.of(logp, oldLogp, adv, m, clipOf(algorithm));
      clipFraction = s.clipFraction();
      if (algorithm instanceof Algorithm.Grpo) {
        loss = s.perToken().mul(m).sum(TOKENS).div(counts).mean(); // per-sequence mean, then batch mean
      } else if (algorithm instanceof Algorithm.DrGrpo) {
        if (maxTokens < 1) {
          throw new IllegalArgumentException("dr_grpo needs max_tokens >= 1, got " + maxTokens);
        }
        loss = s.perToken().mul(m).sum(TOKENS).div(Tensors.scalar(logp, maxTokens)).mean(); // token sum / constant
      } else {
        loss = s.perToken().mul(m).sum().div(m.sum().maximum(one)); // reinforce_pp: mean over the batch's tokens
      }
    }

    KlSpec.Estimator estimator = kl != null ? kl.estimator() : KlSpec.Estimator.K3;
    NDArray target = kl != null ? logp : logp.stopGradient(); // metric only: keep it out of the graph
    NDArray klMean = KlPenalty.sequenceThenBatchMean(KlPenalty.perToken(estimator, target, refLogp), m, counts);
    if (kl != null) {
      loss = loss.add(klMean.mul(Tensors.scalar(klMean, klCoefficient)));
    }
    return new Result(loss, klMean.getFloat(), clipFraction);
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
