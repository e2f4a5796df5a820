package dev.verity.engine.rl;

/**
 * Per-sample advantages from the rewards of B prompts × k samples, each prompt's k samples contiguous.
 *
 * <p>r̄ is the mean of a sample's group; std is the population standard deviation. A group (or batch) whose
 * rewards are all equal gets advantages of exactly 0.
 */
public final class Advantages {
  /** The ε in GRPO's and REINFORCE++'s (r − mean)/(std + ε). */
  public static final double EPSILON = 1e-6;

  private Advantages() {}

  /** The advantages {@code algorithm} trains with, for algorithms that need only the rewards (not rft). */
  public static double[] of(Algorithm algorithm, double[] rewards, int k) {
    return of(algorithm, rewards, null, k);
  }

  /**
   * The advantages {@code algorithm} trains with; {@code correct} says which samples the verifier accepted
   * (rft keeps those), and may be null for the other algorithms.
   */
  public static double[] of(Algorithm algorithm, double[] rewards, boolean[] correct, int k) {
    checkShape(rewards, k);
    if (algorithm instanceof Algorithm.Rft) {
      if (correct == null || correct.length != rewards.length) {
        throw new IllegalArgumentException("rft needs one correctness flag per sample");
      }
      return rft(correct);
    }
    if (algorithm instanceof Algorithm.Reinforce r) {
      return reinforce(rewards, k, r.baseline());
    }
    if (algorithm instanceof Algorithm.Grpo) {
      return grpo(rewards, k);
    }
    if (algorithm instanceof Algorithm.DrGrpo) {
      return drGrpo(rewards, k);
    }
    if (algorithm instanceof Algorithm.Rloo) {
      return rloo(rewards, k);
    }
    if (algorithm instanceof Algorithm.ReinforcePp) {
      return reinforcePp(rewards);
    }
    if (algorithm instanceof Algorithm.K15) {
      return k15(rewards, k);
    }
    throw new IllegalArgumentException("unknown algorithm " + algorithm);
  }

  /** REINFORCE: r − r̄ (group mean), r − batch mean, or r itself. */
  public static double[] reinforce(double[] rewards, int k, Algorithm.Baseline baseline) {
    return switch (baseline) {
      case GROUP_MEAN -> centred(rewards, k, 1);
      case BATCH_MEAN -> centred(rewards, Math.max(1, rewards.length), 1);
      case NONE -> rewards.clone();
    };
  }

  /** GRPO: (r − r̄)/(std + ε) within each group. */
  public static double[] grpo(double[] rewards, int k) {
    return normalised(rewards, k);
  }

  /** Dr. GRPO: r − r̄, no division by the standard deviation. */
  public static double[] drGrpo(double[] rewards, int k) {
    return centred(rewards, k, 1);
  }

  /** RLOO: k/(k−1) · (r − r̄), which equals r minus the mean of the other k − 1 samples; 0 when k = 1. */
  public static double[] rloo(double[] rewards, int k) {
    return k == 1 ? new double[rewards.length] : centred(rewards, k, k / (k - 1.0));
  }

  /** REINFORCE++: (r − batch mean)/(batch std + ε). */
  public static double[] reinforcePp(double[] rewards) {
    return normalised(rewards, Math.max(1, rewards.length));
  }

  /** k1.5: r − r̄. */
  public static double[] k15(double[] rewards, int k) {
    return centred(rewards, k, 1);
  }

  /** RFT: 1 for a kept (correct) sample, 0 for a discarded one; the loss averages over the kept tokens. */
  public static double[] rft(boolean[] correct) {
    double[] out = new double[correct.length];
    for (int i = 0; i < correct.length; i++) {
      out[i] = correct[i] ? 1 : 0;
    }
    return out;
  }

  /** The share of groups whose k rewards are all equal (they carry no learning signal); 0 for no groups. */
  public static double fracZeroStd(double[] rewards, int k) {
    checkShape(rewards, k);
    int groups = rewards.length / k;
    if (groups == 0) {
      return 0;
    }
    int flat = 0;
    for (int g = 0; g < groups; g++) {
      if (allEqual(rewards, g * k, k)) {
        flat++;
      }
    }
    return (double) flat / groups;
  }

  /** scale · (r − mean) over consecutive runs of {@code size} rewards. */
  private static double[] centred(double[] rewards, int size, double scale) {
    checkShape(rewards, size);
    double[] out = new double[rewards.length];
    for (int start = 0; start < rewards.length; start += size) {
      double mean = mean(rewards, start, size);
      for (int i = start; i < start + size; i++) {
        out[i] = scale * (rewards[i] - mean);
      }
    }
    return out;
  }

  /** (r − mean)/(std + ε) over consecutive runs of {@code size} rewards. */
  private static double[] normalised(double[] rewards, int size) {
    checkShape(rewards, size);
    double[] out = new double[rewards.length];
    for (int start = 0; start < rewards.length; start += size) {
      double mean = mean(rewards, start, size);
      double sq = 0;
      for (int i = start; i < start + size; i++) {
        sq += (rewards[i] - mean) * (rewards[i] - mean);
      }
      double std = Math.sqrt(sq / size);
      for (int i = start; i < start + size; i++) {
        out[i] = (rewards[i] - mean) / (std + EPSILON);
      }
    }
    return out;
  }

  private static double mean(double[] rewards, int start, int size) {
    if (allEqual(rewards, start, size)) {
      return rewards[start]; // exact: summing then dividing 0.1s would leave 1e-17 advantages
    }
    double sum = 0;
    for (int i = start; i < start + size; i++) {
      sum += rewards[i];
    }
    return sum / size;
  }

  private static boolean allEqual(double[] rewards, int start, int size) {
    for (int i = start + 1; i < start + size; i++) {
      if (rewards[i] != rewards[start]) {
        return false;
      }
    }
    return true;
  }

  private static void checkShape(double[] rewards, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("samples per prompt must be >= 1, got " + k);
    }
    if (rewards.length % k != 0) {
      throw new IllegalArgumentException(
          rewards.length + " rewards do not split into groups of " + k + " samples per prompt");
    }
  }
}
