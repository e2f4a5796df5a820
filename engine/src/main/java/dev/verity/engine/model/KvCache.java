package dev.verity.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.verity.engine.runtime.Tensors;

/**
 * Keys and values of every layer for a batch being decoded, preallocated to the full capacity so decoding
 * writes in place instead of concatenating each step.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys; // per layer (B, H, capacity, hd)
  private final NDArray[] values; // per layer (B, H, capacity, hd)
  private final int capacity;
  private int batch;
  private int length; // positions filled so far

  private KvCache(NDManager manager, NDArray[] keys, NDArray[] values, int batch, int capacity) {
    this.manager = manager;
    this.keys = keys;
    this.values = values;
    this.batch = batch;
    this.capacity = capacity;
  }

  /**
   * A cache for {@code batch} sequences of up to {@code capacity} positions. Its memory is left uninitialised:
   * {@link #append} hands out only positions already written, and zeroing the 168 MB of the RL shape (256 rows,
   * 4 layers, 160 positions) took about 10 ms of every 1.4 s sampling pass.
   */
  public static KvCache allocate(NDManager parent, ModelSpec spec, int batch, int capacity) {
    NDManager manager = parent.newSubManager();
    Shape shape = new Shape(batch, spec.heads(), capacity, spec.headDim());
    NDArray[] keys = new NDArray[spec.layers()];
    NDArray[] values = new NDArray[spec.layers()];
    for (int i = 0; i < spec.layers(); i++) {
      keys[i] = manager.create(shape, DataType.FLOAT32);
      values[i] = manager.create(shape, DataType.FLOAT32);
    }
    return new KvCache(manager, keys, values, batch, capacity);
  }

  public int length() {
    return length;
  }

  public int batch() {
    return batch;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Writes layer {@code layer}'s new keys and values (B, H, T, hd) at the current length and returns all keys
   * and values so far, (B, H, length + T, hd), as views owned by {@code step}.
   */
  NDArray[] append(int layer, NDArray k, NDArray v, NDManager step) {
    int t = Math.toIntExact(k.getShape().get(2));
    if (length + t > capacity) {
      throw new IllegalStateException("KV cache full: " + (length + t) + " > " + capacity);
    }
    Tensors.writeAt(keys[layer], 2, length, k);
    Tensors.writeAt(values[layer], 2, length, v);
    int filled = length + t;
    return new NDArray[] {Tensors.prefix(keys[layer], 2, filled, step), Tensors.prefix(values[layer], 2, filled, step)};
  }

  /** Marks {@code t} more positions as filled once every layer has appended them. */
  void advance(int t) {
    length += t;
  }

  /** Keeps only the given batch rows, in that order (finished sequences stop costing compute). */
  public void keepRows(int[] rows) {
    try (NDManager scratch = manager.newSubManager()) {
      NDArray index = scratch.create(rows).toType(DataType.INT64, false);
      NDIndex take = new NDIndex("{}", index);
      for (int i = 0; i < keys.length; i++) {
        NDArray k = keys[i].get(manager, take);
        NDArray v = values[i].get(manager, take);
        keys[i].close();
        values[i].close();
        keys[i] = k;
        values[i] = v;
      }
    }
    batch = rows.length;
  }

  @Override
  public void close() {
    manager.close();
  }
}
