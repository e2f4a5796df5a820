package dev.verity.engine.rl;

import dev.verity.engine.catalog.Definition;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.sample.SamplingSpec;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings of one {@code rl} stage. Reward, sampling and steps have no default; {@link #of} fills in the
 * others, which the {@code with…} methods change by name.
 */
public record RlSpec(
    RewardExpr reward,
    SamplingSpec sampling, // per_prompt = k samples of each prompt
    int prompts, // prompts per step
    Algorithm algorithm,
    Optional<KlSpec> kl,
    Schedule lr,
    int steps,
    int epochs, // optimiser steps per batch (clipped algorithms)
    Optional<Curriculum> curriculum,
    Prioritize prioritize,
    Optional<PeriodicEval> eval,
    double weightDecay,
    double clipNorm,
    int pool) { // the training set's size; 0: none (see poolSize)

  public static final int DEFAULT_PROMPTS = 32;
  /** REINFORCE with its own defaults: the group-mean baseline. */
  public static final Definition<Algorithm> DEFAULT_ALGORITHM = Algorithms.REINFORCE;
  public static final Schedule DEFAULT_LR = Schedule.constant(1e-4);
  public static final int DEFAULT_EPOCHS = 1;
  public static final Prioritize DEFAULT_PRIORITIZE = Prioritize.UNIFORM;
  public static final double DEFAULT_WEIGHT_DECAY = 0.0;
  public static final double DEFAULT_CLIP_NORM = 1.0;
  /** Without a pool, prioritised sampling keeps this many problems per prompt of a step. */
  public static final int PRIORITY_POOL_PER_PROMPT = 16;

  /** Settings without a pool. */
  public RlSpec(RewardExpr reward, SamplingSpec sampling, int prompts, Algorithm algorithm, Optional<KlSpec> kl,
      Schedule lr, int steps, int epochs, Optional<Curriculum> curriculum, Prioritize prioritize,
      Optional<PeriodicEval> eval, double weightDecay, double clipNorm) {
    this(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval, weightDecay,
        clipNorm, 0);
  }

  /**
   * How many problems the stage trains on, when it trains on a fixed set: {@code pool} when given; without it,
   * uniform sampling draws fresh problems every step (none) and prioritised sampling keeps prompts × 16.
   */
  public OptionalInt poolSize() {
    if (pool > 0) {
      return OptionalInt.of(pool);
    }
    return prioritize == Prioritize.FAILURE_RATE ? OptionalInt.of(prompts * PRIORITY_POOL_PER_PROMPT)
        : OptionalInt.empty();
  }

  /** Trains on a fixed set of {@code pool} problems (0: none). */
  public RlSpec withPool(int pool) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  /** A stage with every other setting at its default. */
  public static RlSpec of(RewardExpr reward, SamplingSpec sampling, int steps) {
    return new RlSpec(reward, sampling, DEFAULT_PROMPTS, DEFAULT_ALGORITHM.create(DEFAULT_ALGORITHM.defaults()),
        Optional.empty(), DEFAULT_LR, steps, DEFAULT_EPOCHS, Optional.empty(), DEFAULT_PRIORITIZE, Optional.empty(),
        DEFAULT_WEIGHT_DECAY, DEFAULT_CLIP_NORM, 0);
  }

  public RlSpec withPrompts(int prompts) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  public RlSpec withAlgorithm(Algorithm algorithm) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  public RlSpec withKl(Optional<KlSpec> kl) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  public RlSpec withLr(Schedule lr) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  public RlSpec withEpochs(int epochs) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  public RlSpec withCurriculum(Optional<Curriculum> curriculum) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  public RlSpec withPrioritize(Prioritize prioritize) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  public RlSpec withEval(Optional<PeriodicEval> eval) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  public RlSpec withWeightDecay(double weightDecay) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }

  public RlSpec withClipNorm(double clipNorm) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm, pool);
  }
}
