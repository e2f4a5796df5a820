package dev.verity.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.verity.engine.runtime.DeterministicOps;
import dev.verity.engine.runtime.Tensors;
import dev.verity.engine.tokenizer.CharTokenizer;
import java.util.List;

/**
 * Prompt + response pairs laid out for teacher forcing: each row is [BOS prompt response], right-padded; the
 * model reads row[:-1] and is scored on row[1:]. Response tokens are also gathered into a (N, R) layout, R
 * the longest response, for per-response losses.
 */
public final class SequenceBatch {
  public final NDArray inputs; // (N, T) int64
  public final NDArray targets; // (N, T, 1) int64: next token at each position
  public final NDArray targetMask; // (N, T) float: 1 where the target is a response token
  public final NDArray responseIndex; // (N, R) int64: where response token j sits in the T axis
  public final NDArray responseMask; // (N, R) float: 1 on real response tokens
  public final int rows;
  public final int width; // T
  public final long tokens; // non-padding tokens read, for throughput
  public final long responseTokens;

  public SequenceBatch(NDManager step, List<int[]> prompts, List<int[]> responses) {
    rows = prompts.size();
    int longest = 0;
    int longestResponse = 1;
    for (int i = 0; i < rows; i++) {
      longest = Math.max(longest, 1 + prompts.get(i).length + responses.get(i).length);
      longestResponse = Math.max(longestResponse, responses.get(i).length);
    }
    width = longest - 1;
    long[] in = new long[rows * width];
    long[] out = new long[rows * width];
    float[] mask = new float[rows * width];
    long[] index = new long[rows * longestResponse];
    float[] respMask = new float[rows * longestResponse];
    long read = 0;
    long scored = 0;
    for (int i = 0; i < rows; i++) {
      int[] p = prompts.get(i);
      int[] r = responses.get(i);
      int[] seq = new int[1 + p.length + r.length];
      seq[0] = CharTokenizer.BOS;
      System.arraycopy(p, 0, seq, 1, p.length);
      System.arraycopy(r, 0, seq, 1 + p.length, r.length);
      for (int j = 0; j + 1 < seq.length; j++) {
        in[i * width + j] = seq[j];
        out[i * width + j] = seq[j + 1];
        mask[i * width + j] = j + 1 > p.length ? 1f : 0f; // target j+1 is a response token
      }
      for (int j = 0; j < longestResponse; j++) {
        boolean real = j < r.length;
        index[i * longestResponse + j] = real ? p.length + j : 0;
        respMask[i * longestResponse + j] = real ? 1f : 0f;
      }
      read += seq.length - 1;
      scored += r.length;
    }
    inputs = step.create(in, new Shape(rows, width));
    targets = step.create(out, new Shape(rows, width, 1));
    targetMask = step.create(mask, new Shape(rows, width));
    responseIndex = step.create(index, new Shape(rows, longestResponse));
    responseMask = step.create(respMask, new Shape(rows, longestResponse));
    tokens = read;
    responseTokens = scored;
  }

  /** Per-position log-probability of the target token: (N, T). */
  public NDArray targetLogProbs(NDArray logits) {
    return DeterministicOps.pickLast(logits.logSoftmax(-1), targets); // (N, T, V) → (N, T); deterministic on CUDA
  }

  /**
   * Per-response-token log-probabilities, (N, R), zero where {@link #responseMask} is 0, under the distribution
   * the sampler draws from: PAD and BOS are never a response token, so their mass is taken out here as there.
   */
  public NDArray responseLogProbs(NDArray logits) {
    int vocab = (int) logits.getShape().get(2);
    // (V): 0, or −1e9 on the ids the sampler never picks. Not −∞: exp(−1e9 − max) is exactly 0 in float32, so the
    // other columns' log-probabilities are the same bits, while the masked column stays finite and the one-hot
    // column pick on a GPU (log-probs × one-hot) multiplies it by 0 instead of making NaN of −∞ × 0.
    float[] never = new float[vocab];
    never[CharTokenizer.PAD] = -1e9f;
    never[CharTokenizer.BOS] = -1e9f;
    NDArray masked = logits.add(Tensors.aligned(logits.getManager(), never, new Shape(vocab))); // (N, T, V)
    return DeterministicOps.pickColumns(targetLogProbs(masked), responseIndex).mul(responseMask); // (N, R)
  }
}
