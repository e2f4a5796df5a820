package dev.verity.engine.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Tensors made from Java data that live in memory PyTorch allocated.
 *
 * <p>DJL wraps a CPU array created from Java data around a direct ByteBuffer, which Java aligns to 16 bytes
 * only, and the alignment varies from run to run. MKL's matrix products take different code paths for
 * different alignments (its reproducibility mode holds only for aligned data), so weights in such buffers give
 * different bits in different runs — and on this machine sometimes garbage gradients. Weights and optimiser
 * state therefore always live in PyTorch's own 64-byte-aligned memory: created by copying, and overwritten in
 * place.
 *
 * <p>Scalars for arithmetic on tensors that take part in a gradient are made here too. DJL's {@code x.mul(2f)}
 * wraps the 2 in such a buffer and drops it at once; autograd keeps the scalar for the backward pass, and if
 * the garbage collector frees the buffer first, the backward pass reads freed memory: every gradient of the
 * step scaled by garbage (measured here: gradients of 1e13 and NaN with a normal loss, once in a few hundred
 * steps). {@link #scalar} makes the scalar in PyTorch's memory, owned by the caller's step manager.
 */
public final class Tensors {
  private Tensors() {}

  /** A tensor of {@code values} in PyTorch-allocated memory, owned by {@code manager}. */
  public static NDArray aligned(NDManager manager, float[] values, Shape shape) {
    try (NDArray wrapped = manager.create(values, shape)) {
      return wrapped.duplicate(); // torch's clone: fresh, aligned storage of its own
    }
  }

  /** Writes {@code values} into {@code target}'s own storage, bit for bit, keeping that storage. */
  public static void overwrite(NDArray target, float[] values) {
    try (NDArray source = target.getManager().create(values, target.getShape())) {
      target.set(new NDIndex().addAllDim(target.getShape().dimension()), source);
    }
  }

  /**
   * The first {@code end} entries of {@code array} along {@code axis}: a view, owned by {@code owner}.
   *
   * <p>This and {@link #writeAt} go straight to PyTorch's slice and slice-copy. DJL's {@code get} and {@code set}
   * with an {@link NDIndex} wrap each in a squeeze, or a reshape and a broadcast, and a decode step is bound by
   * the count of its small ops. The values are the same: a slice is a view and a copy is exact.
   */
  public static NDArray prefix(NDArray array, int axis, long end, NDManager owner) {
    long[] shape = array.getShape().getShape();
    long[] to = shape.clone();
    to[axis] = end;
    return JniUtils.index((PtNDArray) array, new long[shape.length], to, ones(shape.length), (PtNDManager) owner);
  }

  /** Copies {@code value} into {@code target} from {@code start} along {@code axis}, bit for bit. */
  public static void writeAt(NDArray target, int axis, long start, NDArray value) {
    long[] to = value.getShape().getShape().clone();
    long[] from = new long[to.length];
    from[axis] = start;
    to[axis] += start;
    JniUtils.indexSet((PtNDArray) target, (PtNDArray) value, from, to, ones(to.length));
  }

  private static long[] ones(int n) {
    long[] ones = new long[n];
    java.util.Arrays.fill(ones, 1);
    return ones;
  }

  /** A 0-dimensional tensor holding {@code value}, like {@code like} in type and owner: safe under autograd. */
  public static NDArray scalar(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, like.getDataType());
  }
}
