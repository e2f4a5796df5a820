package dev.verity.engine.sample;

import java.util.SplittableRandom;

/**
 * Picks the next token of one sequence from its logits on the Java side, with the sequence's own random stream:
 * temperature (0 = greedy), top-k, top-p. The vocabulary is tiny, so this costs nothing next to the forward
 * pass, and it makes every draw depend only on (seed, stage, step, prompt, sample). StrictMath keeps the bits
 * the same in the interpreter and in compiled code.
 */
final class TokenPicker {
  private final double temperature;
  private final int topK;
  private final double topP;
  private final double[] probs;
  private final Integer[] order;

  TokenPicker(DecodeOptions options, int vocab) {
    this.temperature = options.temperature();
    this.topK = options.topK();
    this.topP = options.topP();
    this.probs = new double[vocab];
    this.order = new Integer[vocab];
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
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      max = Math.max(max, logits[base + i]);
    }
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      probs[i] = StrictMath.exp((logits[base + i] - max) / temperature);
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
  static double logProb(float[] logits, int row, int vocab, int token) {
    int base = row * vocab;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      max = Math.max(max, logits[base + i]);
    }
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      sum += StrictMath.exp(logits[base + i] - max);
    }
    return logits[base + token] - max - StrictMath.log(sum);
  }

  /** Entropy in nats of the untempered distribution of row {@code row}: the policy's own uncertainty. */
  static double entropy(float[] logits, int row, int vocab) {
    int base = row * vocab;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      max = Math.max(max, logits[base + i]);
    }
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < vocab; i++) {
      double z = logits[base + i] - max;
      double e = StrictMath.exp(z);
      sum += e;
      weighted += e * z;
    }
    return StrictMath.log(sum) - weighted / sum; // H = log Σe^z − Σ p·z
  }
}
