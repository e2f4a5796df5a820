package dev.verity.engine.model;

/** The shape of a decoder-only transformer policy. */
public record ModelSpec(
    int layers, // transformer blocks
    int heads, // attention heads per block; must divide dim
    int dim, // embedding width
    int context) { // longest sequence (prompt + response + markers) in tokens

  public static final ModelSpec DEFAULT = new ModelSpec(4, 4, 128, 160);

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
}
