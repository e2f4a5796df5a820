package dev.verity.engine.sample;

import dev.verity.engine.model.Policy;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.tokenizer.CharTokenizer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batched autoregressive generation with temperature, top-k, top-p, a length limit and early stop at the end
 * marker. Each sequence draws only from its own random stream, so its tokens do not depend on the rest of the
 * batch. Finished sequences are dropped from the batch once a quarter of the rows are done (until then they
 * ride along and their output is ignored), so they soon stop costing compute.
 */
public final class Sampler {
  private final Policy policy;

  public Sampler(Policy policy) {
    this.policy = policy;
  }

  /**
   * Generates one response per prompt.
   *
   * @param prompts token ids of each prompt, without markers (BOS is added here)
   * @param randoms one stream per prompt: sequence i draws only from randoms.get(i)
   * @param options temperature, top-k, top-p, length limits
   * @param useCache false recomputes the whole sequence each step (the reference the cache is tested against)
   */
  public Generation generate(
      List<int[]> prompts,
      List<SplittableRandom> randoms,
      DecodeOptions options,
      boolean useCache) {
    TorchRuntime.noGradOnThisThread();
    int batch = prompts.size();
    int width = prompts.stream().mapToInt(p -> p.length).max().orElse(0) + 1; // + BOS
    // Positions must stay within the context. The checker makes sure prompt + max_tokens fits, so this clamp is
    // only a defence; if it ever bites, a response cut at the clamp is marked truncated below like any other
    // cut-off response, so it is scored as unfinished rather than silently as a complete answer.
    int limit = Math.min(options.maxTokens(), policy.spec().context() - width + 1);
    if (limit < 1) {
      throw new IllegalArgumentException(
          "a prompt of " + (width - 1) + " tokens leaves no room in a context of " + policy.spec().context());
    }
    int vocab = policy.tokenizer().vocabSize();
    TokenPicker picker = new TokenPicker(options, vocab);
    int[][] out = new int[batch][limit];
    int[] lengths = new int[batch];
    boolean[] truncated = new boolean[batch];
    double[] logProbs = new double[batch];
    int[] rows = new int[batch]; // decoder row → sequence, or -1 once that sequence is finished
    for (int i = 0; i < batch; i++) {
      rows[i] = i;
    }
    double entropy = 0;
    long picked = 0;
    try (Decoder decoder = new Decoder(policy, prompts, width, limit, useCache)) {
      float[] logits = decoder.prefill();
      for (int s = 0; s < limit; s++) {
        int[] next = new int[rows.length];
        int finished = 0;
        for (int r = 0; r < rows.length; r++) {
          int seq = rows[r];
          if (seq < 0) {
            next[r] = CharTokenizer.PAD; // a finished row riding along until the next compaction
            finished++;
            continue;
          }
          entropy += picker.entropy(logits, r);
          picked++;
          // PAD and BOS are never a response token: decoding drops them, so the verifier and rollouts.jsonl would
          // see another string than the tokens trained on
          logits[r * vocab + CharTokenizer.PAD] = Float.NEGATIVE_INFINITY;
          logits[r * vocab + CharTokenizer.BOS] = Float.NEGATIVE_INFINITY;
          if (s < options.minTokens()) {
            logits[r * vocab + CharTokenizer.EOS] = Float.NEGATIVE_INFINITY; // too early to stop
          }
          int token = picker.pick(logits, r, randoms.get(seq));
          next[r] = token;
          logProbs[seq] += picker.logProb(logits, r, token);
          out[seq][lengths[seq]++] = token;
          if (token == CharTokenizer.EOS || s == limit - 1) {
            truncated[seq] = token != CharTokenizer.EOS;
            rows[r] = -1;
            finished++;
          }
        }
        if (finished == rows.length) {
          break;
        }
        if (finished * 4 >= rows.length) {
          int[] keep = new int[rows.length - finished];
          for (int r = 0, k = 0; r < rows.length; r++) {
            if (rows[r] >= 0) {
              keep[k++] = r;
            }
          }
          decoder.keepRows(keep);
          int[] keptRows = new int[keep.length];
          int[] keptNext = new int[keep.length];
          for (int k = 0; k < keep.length; k++) {
            keptRows[k] = rows[keep[k]];
            keptNext[k] = next[keep[k]];
          }
          rows = keptRows;
          next = keptNext;
        }
        logits = decoder.step(next);
      }
    }
    int[][] responses = new int[batch][];
    for (int i = 0; i < batch; i++) {
      responses[i] = java.util.Arrays.copyOf(out[i], lengths[i]);
    }
    return new Generation(responses, truncated, logProbs, picked == 0 ? 0 : entropy / picked, picked);
  }
}
