package dev.verity.engine.rl;

import dev.verity.engine.catalog.Bound;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The built-in policy-gradient algorithms, each defined once: name, parameters, documentation, factory. */
public final class Algorithms {
  private Algorithms() {}

  private static Param clip() {
    return Param.number("clip").bounded(Bound.strictlyBetween(0, 1)).byDefault(0.2)
        .doc("ratio clip ε: the ratio is kept in [1 − ε, 1 + ε]");
  }

  public static final Definition<Algorithm> REINFORCE = Definition.of("reinforce",
      "REINFORCE; k1.5 uses the group-mean baseline: A = r − mean of the prompt's k samples.",
      List.of(Param.choice("baseline", "group_mean", "batch_mean", "none").doc("subtracted from each reward")),
      a -> new Algorithm.Reinforce(Algorithm.Baseline.valueOf(a.text("baseline").toUpperCase(Locale.ROOT))));

  public static final Definition<Algorithm> GRPO = Definition.of("grpo",
      "GRPO: A = (r − r̄)/(std + ε), PPO-clipped token ratio, per-sequence mean.",
      List.of(clip()), a -> new Algorithm.Grpo(a.number("clip")));

  public static final Definition<Algorithm> DR_GRPO = Definition.of("dr_grpo",
      "Dr. GRPO: A = r − r̄, clipped ratio, token sum divided by max_tokens.",
      List.of(clip()), a -> new Algorithm.DrGrpo(a.number("clip")));

  public static final Definition<Algorithm> RLOO = Definition.of("rloo", "RLOO: A = k/(k−1) · (r − r̄).",
      List.of(), a -> new Algorithm.Rloo());

  public static final Definition<Algorithm> REINFORCE_PP = Definition.of("reinforce_pp",
      "REINFORCE++: A = (r − batch mean)/batch std, clipped token ratio.",
      List.of(clip()), a -> new Algorithm.ReinforcePp(a.number("clip")));

  public static final Definition<Algorithm> K15 = Definition.of("k15",
      "k1.5 mirror descent: −A·log π + (τ/2)(log π/π_prev)², π_prev the policy that sampled the batch. The τ term"
          + " is zero on a batch's first optimiser step, so k15 needs epochs ≥ 2 (at 1 it is"
          + " reinforce(baseline: group_mean)).",
      List.of(Param.number("tau").bounded(Bound.above(0)).byDefault(0.05)
          .doc("weight τ of the squared log-ratio penalty")),
      a -> new Algorithm.K15(a.number("tau")));

  public static final Definition<Algorithm> RFT = Definition.of("rft",
      "Rejection-sampling fine-tuning (ReST, STaR, expert iteration): keeps the samples the task's verifier"
          + " accepts and maximises their likelihood (token mean over the kept responses, as SFT), discards the"
          + " rest: no negative gradient. The reward is recorded but not trained on.",
      List.of(), a -> new Algorithm.Rft());

  /** Every built-in algorithm, in the order the reference lists them. */
  public static final List<Definition<Algorithm>> BUILT_IN = List.of(REINFORCE, GRPO, DR_GRPO, RLOO, REINFORCE_PP, K15, RFT);

  public static Optional<Definition<Algorithm>> find(String name) {
    return BUILT_IN.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
