package dev.verity.engine.rl;

/** A policy-gradient algorithm: how advantages are formed from rewards and how the loss is taken. */
public sealed interface Algorithm
    permits Algorithm.Reinforce,
        Algorithm.Grpo,
        Algorithm.DrGrpo,
        Algorithm.Rloo,
        Algorithm.ReinforcePp,
        Algorithm.K15 {

  /** Whether the loss uses the token ratio π/π_old (and so benefits from several epochs per batch). */
  default boolean clipped() {
    return false;
  }

  enum Baseline {
    GROUP_MEAN, BATCH_MEAN, NONE
  }

  /** REINFORCE; k1.5's choice is the group-mean baseline: A = r − mean of the prompt's k samples. */
  record Reinforce(Baseline baseline) implements Algorithm {}

  /** GRPO: A = (r − r̄)/(std + ε), PPO-clipped token ratio, per-sequence mean then batch mean. */
  record Grpo(double clip) implements Algorithm {
    @Override
    public boolean clipped() {
      return true;
    }
  }

  /** Dr. GRPO: A = r − r̄, clipped token ratio, token sum divided by a constant (max_tokens). */
  record DrGrpo(double clip) implements Algorithm {
    @Override
    public boolean clipped() {
      return true;
    }
  }

  /** RLOO: A = k/(k−1) · (r − r̄). */
  record Rloo() implements Algorithm {}

  /** REINFORCE++: A = (r − batch mean)/batch std, clipped token ratio. */
  record ReinforcePp(double clip) implements Algorithm {
    @Override
    public boolean clipped() {
      return true;
    }
  }

  /** k1.5 mirror descent: −A·log π + (τ/2)(log π/π_prev)², the previous iterate as reference. */
  record K15(double tau) implements Algorithm {}
}
