package dev.verity.engine.rl;

/** A policy-gradient algorithm: how advantages are formed from rewards and how the loss is taken. */
public sealed interface Algorithm
    permits Algorithm.Reinforce,
        Algorithm.Grpo,
        Algorithm.DrGrpo,
        Algorithm.Rloo,
        Algorithm.ReinforcePp,
        Algorithm.K15,
        Algorithm.Rft {

  /** The built-in's name, e.g. {@code grpo}: see {@link Algorithms}. */
  String name();

  /** Whether the loss uses the token ratio π/π_old (and so benefits from several epochs per batch). */
  default boolean clipped() {
    return false;
  }

  /** Whether advantages compare the samples of each prompt, which then needs several samples per prompt. */
  default boolean comparesGroup() {
    return true;
  }

  enum Baseline {
    GROUP_MEAN, BATCH_MEAN, NONE
  }

  /** REINFORCE; k1.5's choice is the group-mean baseline: A = r − mean of the prompt's k samples. */
  record Reinforce(Baseline baseline) implements Algorithm {
    @Override
    public String name() {
      return Algorithms.REINFORCE.name();
    }

    @Override
    public boolean comparesGroup() {
      return baseline == Baseline.GROUP_MEAN;
    }
  }

  /** GRPO: A = (r − r̄)/(std + ε), PPO-clipped token ratio, per-sequence mean then batch mean. */
  record Grpo(double clip) implements Algorithm {
    @Override
    public String name() {
      return Algorithms.GRPO.name();
    }

    @Override
    public boolean clipped() {
      return true;
    }
  }

  /** Dr. GRPO: A = r − r̄, clipped token ratio, token sum divided by a constant (max_tokens). */
  record DrGrpo(double clip) implements Algorithm {
    @Override
    public String name() {
      return Algorithms.DR_GRPO.name();
    }

    @Override
    public boolean clipped() {
      return true;
    }
  }

  /** RLOO: A = k/(k−1) · (r − r̄). */
  record Rloo() implements Algorithm {
    @Override
    public String name() {
      return Algorithms.RLOO.name();
    }
  }

  /** REINFORCE++: A = (r − batch mean)/batch std, clipped token ratio. */
  record ReinforcePp(double clip) implements Algorithm {
    @Override
    public String name() {
      return Algorithms.REINFORCE_PP.name();
    }

    @Override
    public boolean comparesGroup() {
      return false; // the batch mean and std: one sample per prompt will do
    }

    @Override
    public boolean clipped() {
      return true;
    }
  }

  /** k1.5 mirror descent: −A·log π + (τ/2)(log π/π_prev)², the previous iterate as reference. */
  record K15(double tau) implements Algorithm {
    @Override
    public String name() {
      return Algorithms.K15.name();
    }
  }

  /**
   * Rejection-sampling fine-tuning (ReST, STaR, expert iteration): the correct samples are kept and their
   * likelihood maximised, the rest discarded — only positive gradients.
   */
  record Rft() implements Algorithm {
    @Override
    public String name() {
      return Algorithms.RFT.name();
    }

    @Override
    public boolean comparesGroup() {
      return false; // no baseline: each sample is kept or dropped on its own
    }
  }
}
