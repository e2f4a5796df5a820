package dev.verity.engine.sample;

/**
 * The responses to a batch of prompts: token ids per sequence (including the end marker when one was
 * emitted), whether each hit the length limit first, each response's log-probability under the policy
 * (untempered, whatever the sampling temperature), and the mean per-token entropy of the policy.
 */
public record Generation(
    int[][] responses, boolean[] truncated, double[] logProbs, double entropy, long tokens) {
  /** Response length in tokens, the end marker excluded. */
  public int length(int i) {
    int[] r = responses[i];
    return truncated[i] ? r.length : r.length - 1;
  }
}
