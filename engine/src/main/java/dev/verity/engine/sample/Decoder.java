package dev.verity.engine.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.verity.engine.model.KvCache;
import dev.verity.engine.model.Policy;
import dev.verity.engine.model.Transformer;
import dev.verity.engine.runtime.Tensors;
import dev.verity.engine.tokenizer.CharTokenizer;
import java.util.List;

/**
 * The tensor side of generation: a left-padded batch of prompts (per-sequence positions and a key mask, so
 * each sequence computes exactly what it would alone), advanced one token per step, returning the next-token
 * logits of every row as a Java array.
 */
final class Decoder implements AutoCloseable {
  private final Transformer transformer;
  private final NDManager manager;
  private final KvCache cache; // null: recompute the whole sequence every step
  private final int vocab;
  private int[] pad; // per row: left padding before BOS
  private int[][] sequences; // per row: every token fed so far, padding included
  private NDArray keyMask; // (rows, 1, 1, capacity) additive: BLOCKED on padding
  private int length; // positions fed so far

  Decoder(Policy policy, List<int[]> prompts, int width, int limit, boolean useCache) {
    this.transformer = policy.transformer();
    this.manager = policy.newStepManager();
    this.vocab = policy.tokenizer().vocabSize();
    int rows = prompts.size();
    int capacity = width + limit;
    this.pad = new int[rows];
    this.sequences = new int[rows][capacity];
    float[] mask = new float[rows * capacity];
    for (int i = 0; i < rows; i++) {
      int[] p = prompts.get(i);
      pad[i] = width - 1 - p.length;
      sequences[i][pad[i]] = CharTokenizer.BOS;
      System.arraycopy(p, 0, sequences[i], pad[i] + 1, p.length);
      for (int j = 0; j < pad[i]; j++) {
        mask[i * capacity + j] = Transformer.BLOCKED;
      }
    }
    this.keyMask = manager.create(mask, new Shape(rows, 1, 1, capacity));
    this.cache = useCache ? KvCache.allocate(manager, policy.spec(), rows, capacity) : null;
    this.length = width;
  }

  /** Runs the prompts; returns (rows × V) logits of the first response token. */
  float[] prefill() {
    try (NDManager step = manager.newSubManager()) {
      return lastLogits(forwardAll(step, cache));
    }
  }

  /** Feeds one token per row; returns (rows × V) logits of the next. */
  float[] step(int[] next) {
    for (int r = 0; r < next.length; r++) {
      sequences[r][length] = next[r];
    }
    length++;
    try (NDManager step = manager.newSubManager()) {
      if (cache == null) {
        return lastLogits(forwardAll(step, null));
      }
      int rows = next.length;
      long[] ids = new long[rows];
      long[] positions = new long[rows];
      for (int r = 0; r < rows; r++) {
        ids[r] = next[r];
        positions[r] = length - 1 - pad[r];
      }
      NDArray tokens = step.create(ids, new Shape(rows, 1)); // (B, 1)
      NDArray pos = step.create(positions, new Shape(rows, 1)); // (B, 1)
      NDArray mask = Tensors.prefix(keyMask, 3, length, step); // (B, 1, 1, S)
      return lastLogits(transformer.forward(tokens, pos, mask, cache)); // (B, 1, V)
    }
  }

  /** The whole sequence so far, causal attention plus the padding mask. With a cache, fills it. */
  private NDArray forwardAll(NDManager step, KvCache fill) {
    int rows = sequences.length;
    long[] ids = new long[rows * length];
    long[] positions = new long[rows * length];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < length; j++) {
        ids[r * length + j] = sequences[r][j];
        positions[r * length + j] = Math.max(0, j - pad[r]);
      }
    }
    NDArray tokens = step.create(ids, new Shape(rows, length)); // (B, T)
    NDArray pos = step.create(positions, new Shape(rows, length)); // (B, T)
    NDArray keys = Tensors.prefix(keyMask, 3, length, step); // (B, 1, 1, T)
    NDArray mask = keys.add(transformer.causalMask(step, length)); // (B, 1, T, T)
    return transformer.forward(tokens, pos, mask, fill); // (B, T, V)
  }

  /** (B, T, V) logits → the last position's, (B × V) row-major. */
  private float[] lastLogits(NDArray logits) {
    long t = logits.getShape().get(1);
    NDArray last = t == 1 ? logits : logits.get(new NDIndex(":, {}, :", t - 1)); // a decode step's are all last
    return last.toType(DataType.FLOAT32, false).toFloatArray();
  }

  /** Keeps only the given rows, in order. */
  void keepRows(int[] keep) {
    int[] keptPad = new int[keep.length];
    int[][] keptSequences = new int[keep.length][];
    for (int k = 0; k < keep.length; k++) {
      keptPad[k] = pad[keep[k]];
      keptSequences[k] = sequences[keep[k]];
    }
    pad = keptPad;
    sequences = keptSequences;
    try (NDManager scratch = manager.newSubManager()) {
      NDArray index = scratch.create(keep).toType(DataType.INT64, false);
      NDArray kept = keyMask.get(manager, new NDIndex("{}", index));
      keyMask.close();
      keyMask = kept;
    }
    if (cache != null) {
      cache.keepRows(keep);
    }
  }

  int vocab() {
    return vocab;
  }

  @Override
  public void close() {
    manager.close();
  }
}
