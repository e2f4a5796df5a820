package dev.verity.engine.sample;

import java.util.SplittableRandom;

/**
 * Picks the next token of one sequence from its logits on the Java side, with the sequence's own random stream:
 * temperature (0 = greedy), top-k, top-p. It also measures the row's entropy and the picked token's
 * log-probability. The vocabulary is tiny, and every draw depends only on (seed, stage, step, prompt, sample).
 * StrictMath keeps the bits the same in the interpreter and in compiled code.
 *
 * <p>Entropy, draw and log-probability each need exp(logit − max) of the row. StrictMath's exp costs about
 * 30 ns, and computing them three times took 0.44 ms of a 10 ms decode step at 256 rows (2026-12-06), so the
 * exponentials of the row last measured are kept and reused wherever the same logit meets the same max: the
 * results are bit for bit those of computing each one afresh.
 */
final class TokenPicker {
  private final double temperature;
  private final int topK;
  private final double topP;
  private final double[] probs;
  private final Integer[] order;
  private final int[] cachedLogitBits; // the raw bits of the logits whose exponentials are cached
  private final double[] cachedExps; // StrictMath.exp(logit − cachedMax) of each
  private long cachedMaxBits = Double.doubleToRawLongBits(Double.NaN); // matches no max until a row is measured

  TokenPicker(DecodeOptions options, int vocab) {
    this.temperature = options.temperature();
    this.topK = options.topK();
    this.topP = options.topP();
    this.probs = new double[vocab];
    this.order = new Integer[vocab];
    this.cachedLogitBits = new int[vocab];
    this.cachedExps = new double[vocab];
  }

  /**
   * Entropy in nats of the untempered distribution of row {@code row} of a (rows, vocab) logits buffer: the
   * policy's own uncertainty. Keeps the row's exponentials for the {@link #pick} and {@link #logProb} that
   * follow, which may see some of its logits masked to −∞.
   */
  double entropy(float[] logits, int row) {
    int vocab = probs.length;
    int base = row * vocab;
    double max = max(logits, base);
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < vocab; i++) {
      double z = logits[base + i] - max;
      double e = StrictMath.exp(z);
      cachedLogitBits[i] = Float.floatToRawIntBits(logits[base + i]);
      cachedExps[i] = e;
      sum += e;
      weighted += e * z;
    }
    cachedMaxBits = Double.doubleToRawLongBits(max);
    return StrictMath.log(sum) - weighted / sum; // H = log Σe^z − Σ p·z
  }

  /** The picked token id for row {@code row} of a (rows, vocab) logits buffer. */
  int pick(float[] logits, int row, SplittableRandom random) {
    int vocab = probs.length;
    int base = row * vocab;
    if (temperature <= 0) {
      int best = 0;
      for (int i = 1; i < vocab; i++) {
        if (logits[base + i] > logits[base + best]) {
          best = i;
        }
      }
      return best;
    }
    double max = max(logits, base);
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      // at temperature 1, (z / 1.0) is z exactly, so the kept exponential is the one this would compute
      probs[i] = temperature == 1.0 ? exp(logits[base + i], i, max)
          : StrictMath.exp((logits[base + i] - max) / temperature);
      sum += probs[i];
    }
    if (topK > 0 || topP < 1.0) {
      sum = truncate(sum);
    }
    double u = random.nextDouble() * sum;
    double cumulative = 0;
    int last = 0;
    for (int i = 0; i < vocab; i++) {
      if (probs[i] > 0) {
        cumulative += probs[i];
        last = i;
        if (u < cumulative) {
          return i;
        }
      }
    }
    return last; // rounding left u at the very top
  }

  /** Zeroes tokens outside the top-k and the top-p nucleus; returns the remaining mass. */
  private double truncate(double sum) {
    int vocab = probs.length;
    for (int i = 0; i < vocab; i++) {
      order[i] = i;
    }
    // by probability, ties by id, so the kept set is a function of the logits alone
    java.util.Arrays.sort(order, (a, b) -> probs[a] != probs[b] ? Double.compare(probs[b], probs[a]) : a - b);
    int keep = topK > 0 ? Math.min(topK, vocab) : vocab;
    if (topP < 1.0) {
      double cumulative = 0;
      for (int r = 0; r < keep; r++) {
        cumulative += probs[order[r]] / sum;
        if (cumulative >= topP) {
          keep = r + 1;
          break;
        }
      }
    }
    double kept = 0;
    for (int r = 0; r < vocab; r++) {
      if (r < keep) {
        kept += probs[order[r]];
      } else {
        probs[order[r]] = 0;
      }
    }
    return kept;
  }

  /** log π(token) of row {@code row} under the untempered distribution. */
  double logProb(float[] logits, int row, int token) {
    int vocab = probs.length;
    int base = row * vocab;
    double max = max(logits, base);
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      sum += exp(logits[base + i], i, max);
    }
    return logits[base + token] - max - StrictMath.log(sum);
  }

  /** StrictMath.exp(logit − max), taken from the cache when vocabulary entry {@code i} holds it. */
  private double exp(float logit, int i, double max) {
    if (Float.floatToRawIntBits(logit) == cachedLogitBits[i] && Double.doubleToRawLongBits(max) == cachedMaxBits) {
      return cachedExps[i];
    }
    return StrictMath.exp(logit - max);
  }

  private double max(float[] logits, int base) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < probs.length; i++) {
      max = Math.max(max, logits[base + i]);
    }
    return max;
  }
}
