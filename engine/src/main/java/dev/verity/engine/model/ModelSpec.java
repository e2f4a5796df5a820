package dev.verity.engine.model;

import java.util.Locale;
import java.util.Optional;

/** The shape of a decoder-only transformer policy. */
public record ModelSpec(
    int layers, // transformer blocks
    int heads, // attention heads per block; must divide dim
    int dim, // embedding width
    int context) { // longest sequence (prompt + response + markers) in tokens

  public static final ModelSpec DEFAULT = new ModelSpec(4, 4, 128, 160);

  /**
   * The most weights Verity builds. Training holds each weight 4 times (value, gradient, two AdamW moments), so
   * this is already 16 GB; it also keeps every single weight array under Java's 2^31-element limit.
   */
  public static final long MAX_WEIGHTS = 1_000_000_000L;

  public ModelSpec {
    if (layers < 1 || heads < 1 || dim < 1 || context < 2) {
      throw new IllegalArgumentException("layers, heads, dim must be ≥ 1 and context ≥ 2");
    }
    if (dim % heads != 0) {
      throw new IllegalArgumentException("dim " + dim + " is not divisible by heads " + heads);
    }
  }

  public int headDim() {
    return dim / heads;
  }

  /**
   * How many weights a model of this shape has over a vocabulary of {@code vocab} tokens (the layout of
   * {@link Parameters#layout}); {@link Long#MAX_VALUE} when that does not fit in a long.
   */
  public long weights(int vocab) {
    long d = dim;
    try {
      long perLayer = Math.addExact(Math.multiplyExact(12 * d, d), 13 * d); // attention, MLP, two layer norms
      long embeddings = Math.multiplyExact((long) vocab + context, d);
      return Math.addExact(Math.addExact(Math.multiplyExact(perLayer, layers), embeddings), 2 * d);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Why Verity cannot build this model with {@code vocab} tokens, for messages; empty when it can. */
  public Optional<String> tooLarge(int vocab) {
    long n = weights(vocab);
    if (n <= MAX_WEIGHTS) {
      return Optional.empty();
    }
    String count = n == Long.MAX_VALUE ? "more than 9e18" : String.format(Locale.ROOT, "%,d", n);
    return Optional.of(String.format(Locale.ROOT, "%s weights, over the limit of %,d", count, MAX_WEIGHTS));
  }

  /** As the DSL writes it, since users read it in messages. */
  @Override
  public String toString() {
    return "gpt(layers: " + layers + ", heads: " + heads + ", dim: " + dim + ", context: " + context + ")";
  }
}
