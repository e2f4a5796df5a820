package dev.verity.engine.rl;

import dev.verity.engine.catalog.Definition;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.sample.SamplingSpec;
import java.util.Optional;

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
    double clipNorm) {

  public static final int DEFAULT_PROMPTS = 32;
  /** REINFORCE with its own defaults: the group-mean baseline. */
  public static final Definition<Algorithm> DEFAULT_ALGORITHM = Algorithms.REINFORCE;
  public static final Schedule DEFAULT_LR = Schedule.constant(1e-4);
  public static final int DEFAULT_EPOCHS = 1;
  public static final Prioritize DEFAULT_PRIORITIZE = Prioritize.UNIFORM;
  public static final double DEFAULT_WEIGHT_DECAY = 0.0;
  public static final double DEFAULT_CLIP_NORM = 1.0;

  /** A stage with every other setting at its default. */
  public static RlSpec of(RewardExpr reward, SamplingSpec sampling, int steps) {
    return new RlSpec(reward, sampling, DEFAULT_PROMPTS, DEFAULT_ALGORITHM.create(DEFAULT_ALGORITHM.defaults()),
        Optional.empty(), DEFAULT_LR, steps, DEFAULT_EPOCHS, Optional.empty(), DEFAULT_PRIORITIZE, Optional.empty(),
        DEFAULT_WEIGHT_DECAY, DEFAULT_CLIP_NORM);
  }

  public RlSpec withPrompts(int prompts) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }

  public RlSpec withAlgorithm(Algorithm algorithm) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }

  public RlSpec withKl(Optional<KlSpec> kl) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }

  public RlSpec withLr(Schedule lr) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }

  public RlSpec withEpochs(int epochs) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }

  public RlSpec withCurriculum(Optional<Curriculum> curriculum) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }

  public RlSpec withPrioritize(Prioritize prioritize) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }

  public RlSpec withEval(Optional<PeriodicEval> eval) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }

  public RlSpec withWeightDecay(double weightDecay) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }

  public RlSpec withClipNorm(double clipNorm) {
    return new RlSpec(reward, sampling, prompts, algorithm, kl, lr, steps, epochs, curriculum, prioritize, eval,
        weightDecay, clipNorm);
  }
}
