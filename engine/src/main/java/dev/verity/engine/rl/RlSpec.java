package dev.verity.engine.rl;

import dev.verity.engine.optim.Schedule;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.sample.SamplingSpec;
import java.util.Optional;

/** The settings of one {@code rl} stage. */
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
    double clipNorm) {}
