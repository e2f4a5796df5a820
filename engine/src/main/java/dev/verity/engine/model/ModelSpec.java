package dev.verity.engine.model;

import dev.verity.engine.catalog.ArgumentException;
import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import java.util.List;
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
   * {@code gpt(…)}: a fresh decoder-only transformer. The factory refuses a dim that heads do not divide, and a
   * model too large to build (the vocabulary is a few dozen tokens: the layers decide).
   */
  public static final Definition<ModelSpec> GPT = Definition.of("gpt",
      "A fresh decoder-only transformer, initialised from the experiment's seed. Its alphabet is the characters of"
          + " the tasks declared before its first use, so declare them all before that.",
      List.of(Param.whole("layers").atLeast(1).byDefault(DEFAULT.layers()).doc("transformer blocks"),
          Param.whole("heads").atLeast(1).byDefault(DEFAULT.heads()).doc("attention heads; must divide dim"),
          Param.whole("dim").atLeast(1).byDefault(DEFAULT.dim()).doc("embedding width"),
          Param.whole("context").atLeast(2).byDefault(DEFAULT.context())
              .doc("longest sequence in tokens: prompt + response + markers")),
      ModelSpec::of);

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

  private static ModelSpec of(Args a) {
    int heads = a.whole("heads");
    int dim = a.whole("dim");
    if (dim % heads != 0) {
      throw new ArgumentException("dim", "dim " + dim + " is not divisible by heads " + heads + ": use a multiple of "
          + heads + " such as " + Math.max(heads, dim / heads * heads));
    }
    ModelSpec spec = new ModelSpec(a.whole("layers"), heads, dim, a.whole("context"));
    Optional<String> tooLarge = spec.tooLarge(0);
    if (tooLarge.isPresent()) {
      throw new ArgumentException("", "this model is too large to build: " + tooLarge.get()
          + "; make dim or layers smaller");
    }
    return spec;
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
