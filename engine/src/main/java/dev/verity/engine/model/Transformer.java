package dev.verity.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import dev.verity.engine.runtime.DeterministicOps;
import dev.verity.engine.runtime.Tensors;

/**
 * The forward pass of a decoder-only transformer (pre-LayerNorm, GELU, learned positions, tied output head) as
 * raw NDArray ops on {@link Parameters}.
 *
 * <p>Every op is called on an array of the caller's step manager (never on a weight first), so all results
 * are freed when the step's manager closes. Masks are additive: 0 where attention is allowed and {@link
 * #BLOCKED} where not; a large finite value rather than −∞ so a row with every key blocked (a padding
 * position) stays finite instead of turning into NaN.
 */
public final class Transformer {
  /** Added to attention scores that must be ignored. exp(−1e9) is exactly 0 in float32. */
  public static final float BLOCKED = -1e9f;

  private static final float LN_EPS = 1e-5f;

  private final ModelSpec spec;
  private final Parameters weights;
  private final Block[] blocks;
  private final NDArray causal; // (C, C): 0 on and below the diagonal, BLOCKED above
  private final NDArray queryScale; // (): 1/√hd, made once rather than as a new tensor in every block of every step

  /** One transformer block's weights, looked up once rather than by name every step. */
  private record Block(
      NDArray ln1Gain, NDArray ln1Bias, NDArray attnW, NDArray attnB, NDArray projW, NDArray projB,
      NDArray ln2Gain, NDArray ln2Bias, NDArray fcW, NDArray fcB, NDArray outW, NDArray outB) {

    static Block of(Parameters w, int i) {
      String p = "h" + i + ".";
      return new Block(
          w.get(p + "ln1.g"), w.get(p + "ln1.b"), w.get(p + "attn.w"), w.get(p + "attn.b"), w.get(p + "proj.w"),
          w.get(p + "proj.b"), w.get(p + "ln2.g"), w.get(p + "ln2.b"), w.get(p + "fc.w"), w.get(p + "fc.b"),
          w.get(p + "out.w"), w.get(p + "out.b"));
    }
  }

  public Transformer(ModelSpec spec, Parameters weights) {
    this.spec = spec;
    this.weights = weights;
    this.blocks = new Block[spec.layers()];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = Block.of(weights, i);
    }
    int c = spec.context();
    float[] mask = new float[c * c];
    for (int i = 0; i < c; i++) {
      for (int j = i + 1; j < c; j++) {
        mask[i * c + j] = BLOCKED;
      }
    }
    this.causal = Tensors.aligned(weights.manager(), mask, new Shape(c, c));
    this.queryScale = weights.manager().full(new Shape(), (float) (1.0 / Math.sqrt(spec.headDim())), DataType.FLOAT32);
  }

  public ModelSpec spec() {
    return spec;
  }

  /**
   * Logits for a batch of right-padded sequences starting at position 0 with causal attention only.
   *
   * @param tokens (B, T) int64 ids
   * @return (B, T, V) logits, owned by {@code tokens}' manager
   */
  public NDArray logits(NDArray tokens) {
    NDManager step = tokens.getManager();
    int t = Math.toIntExact(tokens.getShape().get(1));
    NDArray positions = step.arange(0, t, 1, DataType.INT64).expandDims(0); // (1, T)
    return forward(tokens, positions, causalMask(step, t), null);
  }

  /** The (T, T) causal mask, owned by {@code step}. */
  public NDArray causalMask(NDManager step, int t) {
    return causal.get(step, new NDIndex(":{}, :{}", t, t));
  }

  /**
   * The general forward pass.
   *
   * @param tokens (B, T) int64 ids
   * @param positions (B, T) or (1, T) int64 position ids
   * @param mask additive attention mask broadcastable to (B, H, T, S), S = cached length + T
   * @param cache keys and values of earlier positions, appended to in place; null for none
   * @return (B, T, V) logits
   */
  public NDArray forward(NDArray tokens, NDArray positions, NDArray mask, KvCache cache) {
    NDArray x = embedded(tokens, positions);
    for (int i = 0; i < blocks.length; i++) {
      x = block(i, x, mask, cache, true);
    }
    if (cache != null) {
      cache.advance(Math.toIntExact(tokens.getShape().get(1)));
    }
    return head(x);
  }

  /** The token embeddings plus the position embeddings: (B, T, D). */
  NDArray embedded(NDArray tokens, NDArray positions) {
    try (NDScope scope = new NDScope()) {
      NDArray x = embed(tokens, weights.get("wte")).add(embed(positions, weights.get("wpe"))); // (B, T, D)
      NDScope.unregister(x);
      return x;
    }
  }

  /**
   * Block {@code i} on {@code x}, its intermediates closed as soon as it ends, not with the step: DJL would hold
   * every one (the attention scores alone are B·H·T² floats) until then. Closing a handle frees only what autograd
   * has not saved for the backward pass.
   *
   * @param closeInput whether this block is the last user of {@code x}'s handle
   */
  NDArray block(int i, NDArray x, NDArray mask, KvCache cache, boolean closeInput) {
    try (NDScope scope = new NDScope()) {
      if (closeInput) {
        NDScope.register(x);
      }
      NDArray y = block(blocks[i], i, x, mask, cache);
      NDScope.unregister(y);
      return y;
    }
  }

  /** The final norm and the head, tied to the token embeddings: (B, T, D) to (B, T, V). Closes {@code x}. */
  NDArray head(NDArray x) {
    try (NDScope scope = new NDScope()) {
      NDScope.register(x);
      NDArray normed = layerNorm(x, weights.get("lnf.g"), weights.get("lnf.b")); // (B, T, D)
      NDArray logits = Linear.linear(normed, weights.get("wte")).singletonOrThrow(); // (B, T, V)
      NDScope.unregister(logits);
      return logits;
    }
  }

  /** One pre-norm transformer block: attention, then the MLP, each added to the residual stream. */
  private NDArray block(Block w, int layer, NDArray x, NDArray mask, KvCache cache) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int h = spec.heads();
    int hd = spec.headDim();
    int d = spec.dim();
    // attention: pre-norm, project to q k v
    NDArray a = layerNorm(x, w.ln1Gain(), w.ln1Bias()); // (B, T, D)
    NDArray qkv = linear(a, w.attnW(), w.attnB()); // (B, T, 3D)
    NDList split = qkv.reshape(b, t, 3, h, hd).transpose(2, 0, 3, 1, 4).split(3, 0); // 3 × (1, B, H, T, hd)
    NDArray q = split.get(0).squeeze(0); // (B, H, T, hd)
    q = q.mul(queryScale); // pre-scaled by 1/√hd
    NDArray k = split.get(1).squeeze(0); // (B, H, T, hd)
    NDArray v = split.get(2).squeeze(0); // (B, H, T, hd)
    if (cache != null) {
      NDArray[] kv = cache.append(layer, k, v, x.getManager()); // (B, H, S, hd) each
      k = kv[0];
      v = kv[1];
    }
    // the mask is added in place: the product's backward needs q and k, not the product
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).addi(mask); // (B, H, T, S)
    NDArray y = scores.softmax(-1).matMul(v); // (B, H, T, hd)
    y = y.transpose(0, 2, 1, 3).reshape(b, t, d); // (B, T, D)
    x = x.add(linear(y, w.projW(), w.projB())); // residual
    // MLP: pre-norm, 4× expansion, GELU
    NDArray m = layerNorm(x, w.ln2Gain(), w.ln2Bias()); // (B, T, D)
    m = Activation.gelu(linear(m, w.fcW(), w.fcB())); // (B, T, 4D)
    return x.add(linear(m, w.outW(), w.outB())); // residual
  }

  private static NDArray embed(NDArray ids, NDArray table) {
    return DeterministicOps.embed(ids, table); // the embedding op on the CPU; on CUDA one whose backward is deterministic
  }

  private static NDArray linear(NDArray x, NDArray w, NDArray bias) {
    return Linear.linear(x, w, bias).singletonOrThrow();
  }

  private static NDArray layerNorm(NDArray x, NDArray gain, NDArray bias) {
    return LayerNorm.layerNorm(x, new Shape(x.getShape().getLastDimension()), gain, bias, LN_EPS)
        .singletonOrThrow();
  }
}
