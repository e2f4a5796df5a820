package dev.verity.engine.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.engine.tokenizer.CharTokenizer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The picker reuses the exponentials of a row between entropy, draw and log-probability. Every figure must be
 * bit for bit what computing each exponential afresh gives, or committed runs would not replay.
 */
class TokenPickerTest {
  private static final int VOCAB = 17;
  private static final int ROWS = 64;

  @Test
  void reusedExponentialsGiveTheBitsOfFreshOnes() {
    DecodeOptions[] settings = {
      DecodeOptions.greedy(8), DecodeOptions.sampled(1.0, 8), DecodeOptions.sampled(0.7, 8),
      new DecodeOptions(1.0, 5, 1.0, 8, 0), new DecodeOptions(1.0, 0, 0.9, 8, 0), new DecodeOptions(1.3, 4, 0.8, 8, 0)
    };
    SplittableRandom data = new SplittableRandom(11);
    for (DecodeOptions options : settings) {
      for (int trial = 0; trial < 20; trial++) {
        float[] logits = logits(data, trial % 4 == 0);
        TokenPicker picker = new TokenPicker(options, VOCAB);
        for (int row = 0; row < ROWS; row++) {
          float[] fresh = logits.clone();
          double entropy = picker.entropy(logits, row);
          double expectedEntropy = freshEntropy(fresh, row);
          mask(logits, row, row % 3 == 0);
          mask(fresh, row, row % 3 == 0);
          int token = picker.pick(logits, row, new SplittableRandom(row));
          int expected = freshPick(fresh, row, options, new SplittableRandom(row));
          String where = options + " trial " + trial + " row " + row;
          assertEquals(Double.doubleToRawLongBits(expectedEntropy), Double.doubleToRawLongBits(entropy), where);
          assertEquals(expected, token, where);
          assertEquals(Double.doubleToRawLongBits(freshLogProb(fresh, row, token)),
              Double.doubleToRawLongBits(picker.logProb(logits, row, token)), where);
        }
      }
    }
  }

  /** Gaussian logits; with {@code peakAtMarkers}, PAD or BOS often holds the row's maximum, which masking removes. */
  private static float[] logits(SplittableRandom data, boolean peakAtMarkers) {
    float[] logits = new float[ROWS * VOCAB];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (data.nextGaussian() * 3);
    }
    if (peakAtMarkers) {
      for (int row = 0; row < ROWS; row += 2) {
        logits[row * VOCAB + (row % 4 == 0 ? CharTokenizer.PAD : CharTokenizer.BOS)] = 20f;
      }
    }
    return logits;
  }

  /** What the sampler does between measuring the entropy and drawing. */
  private static void mask(float[] logits, int row, boolean tooEarlyToStop) {
    logits[row * VOCAB + CharTokenizer.PAD] = Float.NEGATIVE_INFINITY;
    logits[row * VOCAB + CharTokenizer.BOS] = Float.NEGATIVE_INFINITY;
    if (tooEarlyToStop) {
      logits[row * VOCAB + CharTokenizer.EOS] = Float.NEGATIVE_INFINITY;
    }
  }

  // The formulas as they stood before the cache: every exponential computed where it is needed.

  private static double freshEntropy(float[] logits, int row) {
    int base = row * VOCAB;
    double max = max(logits, base);
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < VOCAB; i++) {
      double z = logits[base + i] - max;
      double e = StrictMath.exp(z);
      sum += e;
      weighted += e * z;
    }
    return StrictMath.log(sum) - weighted / sum;
  }

  private static double freshLogProb(float[] logits, int row, int token) {
    int base = row * VOCAB;
    double max = max(logits, base);
    double sum = 0;
    for (int i = 0; i < VOCAB; i++) {
      sum += StrictMath.exp(logits[base + i] - max);
    }
    return logits[base + token] - max - StrictMath.log(sum);
  }

  private static int freshPick(float[] logits, int row, DecodeOptions options, SplittableRandom random) {
    int base = row * VOCAB;
    if (options.temperature() <= 0) {
      int best = 0;
      for (int i = 1; i < VOCAB; i++) {
        if (logits[base + i] > logits[base + best]) {
          best = i;
        }
      }
      return best;
    }
    double max = max(logits, base);
    double[] probs = new double[VOCAB];
    double sum = 0;
    for (int i = 0; i < VOCAB; i++) {
      probs[i] = StrictMath.exp((logits[base + i] - max) / options.temperature());
      sum += probs[i];
    }
    if (options.topK() > 0 || options.topP() < 1.0) {
      Integer[] order = new Integer[VOCAB];
      for (int i = 0; i < VOCAB; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> probs[a] != probs[b] ? Double.compare(probs[b], probs[a]) : a - b);
      int keep = options.topK() > 0 ? Math.min(options.topK(), VOCAB) : VOCAB;
      if (options.topP() < 1.0) {
        double cumulative = 0;
        for (int r = 0; r < keep; r++) {
          cumulative += probs[order[r]] / sum;
          if (cumulative >= options.topP()) {
            keep = r + 1;
            break;
          }
        }
      }
      double kept = 0;
      for (int r = 0; r < VOCAB; r++) {
        if (r < keep) {
          kept += probs[order[r]];
        } else {
          probs[order[r]] = 0;
        }
      }
      sum = kept;
    }
    double u = random.nextDouble() * sum;
    double cumulative = 0;
    int last = 0;
    for (int i = 0; i < VOCAB; i++) {
      if (probs[i] > 0) {
        cumulative += probs[i];
        last = i;
        if (u < cumulative) {
          return i;
        }
      }
    }
    return last;
  }

  private static double max(float[] logits, int base) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < VOCAB; i++) {
      max = Math.max(max, logits[base + i]);
    }
    return max;
  }
}
