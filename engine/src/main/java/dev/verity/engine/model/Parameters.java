package dev.verity.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.verity.engine.runtime.FloatBlocks;
import dev.verity.engine.runtime.Tensors;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The weights of a GPT policy: named float32 arrays owned by one manager, in a fixed order (the order of
 * initialisation, serialisation and optimiser state).
 */
public final class Parameters implements AutoCloseable {
  private final NDManager manager;
  private final LinkedHashMap<String, NDArray> arrays;

  private Parameters(NDManager manager, LinkedHashMap<String, NDArray> arrays) {
    this.manager = manager;
    this.arrays = arrays;
  }

  /** The names and shapes of every weight of a model with this spec and vocabulary, in order. */
  public static LinkedHashMap<String, Shape> layout(ModelSpec spec, int vocab) {
    spec.tooLarge(vocab).ifPresent(why -> { // the checker refuses such a model first; this guards other callers
      throw new IllegalArgumentException(spec + " is too large to build: " + why);
    });
    int d = spec.dim();
    LinkedHashMap<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("wte", new Shape(vocab, d)); // token embedding, tied with the output head
    shapes.put("wpe", new Shape(spec.context(), d)); // learned positions
    for (int i = 0; i < spec.layers(); i++) {
      String p = "h" + i + ".";
      shapes.put(p + "ln1.g", new Shape(d));
      shapes.put(p + "ln1.b", new Shape(d));
      shapes.put(p + "attn.w", new Shape(3 * d, d)); // q, k, v stacked; (out, in) as torch.linear wants
      shapes.put(p + "attn.b", new Shape(3 * d));
      shapes.put(p + "proj.w", new Shape(d, d));
      shapes.put(p + "proj.b", new Shape(d));
      shapes.put(p + "ln2.g", new Shape(d));
      shapes.put(p + "ln2.b", new Shape(d));
      shapes.put(p + "fc.w", new Shape(4 * d, d));
      shapes.put(p + "fc.b", new Shape(4 * d));
      shapes.put(p + "out.w", new Shape(d, 4 * d));
      shapes.put(p + "out.b", new Shape(d));
    }
    shapes.put("lnf.g", new Shape(d));
    shapes.put("lnf.b", new Shape(d));
    return shapes;
  }

  /**
   * GPT-2 initialisation from a seeded Java generator (so weights are bit-identical on every machine): normal
   * with std 0.02, residual projections scaled by 1/√(2·layers), biases 0, layer-norm gains 1.
   */
  public static Parameters initialise(ModelSpec spec, int vocab, long seed, NDManager parent) {
    SplittableRandom random = new SplittableRandom(seed);
    double residualStd = 0.02 / Math.sqrt(2.0 * spec.layers());
    NDManager manager = parent.newSubManager();
    LinkedHashMap<String, NDArray> arrays = new LinkedHashMap<>();
    for (Map.Entry<String, Shape> e : layout(spec, vocab).entrySet()) {
      String name = e.getKey();
      Shape shape = e.getValue();
      float[] values = new float[Math.toIntExact(shape.size())];
      if (name.endsWith(".g")) {
        java.util.Arrays.fill(values, 1f);
      } else if (name.endsWith(".w") || name.equals("wte") || name.equals("wpe")) {
        double std = name.endsWith("proj.w") || name.endsWith("out.w") ? residualStd : 0.02;
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (random.nextGaussian() * std);
        }
      }
      arrays.put(name, Tensors.aligned(manager, values, shape));
    }
    return new Parameters(manager, arrays);
  }

  public NDArray get(String name) {
    NDArray array = arrays.get(name);
    if (array == null) {
      throw new IllegalArgumentException("no parameter " + name);
    }
    return array;
  }

  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(arrays.keySet()));
  }

  public List<NDArray> arrays() {
    return Collections.unmodifiableList(new ArrayList<>(arrays.values()));
  }

  public NDManager manager() {
    return manager;
  }

  public long count() {
    return arrays.values().stream().mapToLong(NDArray::size).sum();
  }

  /** Marks every weight as requiring gradients (once; DJL then records ops on them inside a collector). */
  public void requireGradients() {
    for (NDArray a : arrays.values()) {
      if (!a.hasGradient()) {
        a.setRequiresGradient(true);
      }
    }
  }

  /** An independent copy with its own manager under {@code parent}. */
  public Parameters copy(NDManager parent) {
    NDManager target = parent.newSubManager();
    LinkedHashMap<String, NDArray> copies = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      copies.put(e.getKey(), Tensors.aligned(target, e.getValue().toFloatArray(), e.getValue().getShape()));
    }
    return new Parameters(target, copies);
  }

  /** Overwrites these weights with {@code source}'s values (same layout). */
  public void copyFrom(Parameters source) {
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      Tensors.overwrite(e.getValue(), source.get(e.getKey()).toFloatArray());
    }
  }

  /** Writes names, shapes and raw float bits, in order. */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(arrays.size());
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      writeArray(out, e.getKey(), e.getValue());
    }
  }

  /** Reads weights written by {@link #write}, checking they match the expected layout. */
  public static Parameters read(DataInputStream in, ModelSpec spec, int vocab, NDManager parent)
      throws IOException {
    LinkedHashMap<String, Shape> expected = layout(spec, vocab);
    int count = in.readInt();
    if (count != expected.size()) {
      throw new IOException("checkpoint has " + count + " weights, the model needs " + expected.size());
    }
    NDManager manager = parent.newSubManager();
    LinkedHashMap<String, NDArray> arrays = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Shape> e : expected.entrySet()) {
        arrays.put(e.getKey(), readArray(in, e.getKey(), e.getValue(), manager));
      }
    } catch (IOException | RuntimeException ex) {
      manager.close();
      throw ex;
    }
    return new Parameters(manager, arrays);
  }

  static void writeArray(DataOutputStream out, String name, NDArray array) throws IOException {
    out.writeUTF(name);
    long[] dims = array.getShape().getShape();
    out.writeInt(dims.length);
    for (long dim : dims) {
      out.writeLong(dim);
    }
    FloatBlocks.write(out, array.toType(DataType.FLOAT32, false).toFloatArray());
  }

  static NDArray readArray(DataInputStream in, String name, Shape shape, NDManager manager)
      throws IOException {
    String found = in.readUTF();
    int rank = in.readInt();
    long[] dims = new long[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = in.readLong();
    }
    if (!found.equals(name) || !new Shape(dims).equals(shape)) {
      throw new IOException(
          "checkpoint weight " + found + " " + new Shape(dims) + " does not match " + name + " " + shape);
    }
    float[] values = new float[Math.toIntExact(shape.size())];
    FloatBlocks.read(in, values);
    return Tensors.aligned(manager, values, shape);
  }

  @Override
  public void close() {
    manager.close();
  }
}
