package dev.verity.engine.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Lookups whose backward pass sums with atomic adds on CUDA, in formulations whose backward is a matrix product
 * or an element-wise product instead, so a run and its replay on one GPU give the same bits.
 *
 * <p>On CUDA, PyTorch's embedding and gather backward passes scatter-add gradients into a table, in an order the
 * GPU's scheduler picks. Written as a product with a one-hot matrix, the lookup gives the same values (a sum with
 * one non-zero term is exact) and its backward becomes a matrix product or an element-wise product, which cuBLAS
 * and PyTorch compute in a fixed order. For a vocabulary of a few dozen tokens and a context of a few hundred
 * positions the one-hot matrices cost next to nothing. On the CPU the original ops stay, bit for bit; so do
 * lookups on a GPU outside training (sampling, evaluation), whose forward ops are deterministic already.
 */
public final class DeterministicOps {
  /**
   * {@code -Dverity.deterministic_ops=always} runs the one-hot formulations on every device: how a machine without
   * a GPU (CI, the GPU check's rehearsal) runs the code path a GPU takes; {@code never} keeps today's ops on a GPU
   * too, for {@code verity bench --determinism} to compare the two.
   */
  public static final String PROPERTY = "verity.deterministic_ops";

  private DeterministicOps() {}

  /**
   * Whether arrays on {@code device} take the one-hot formulations: on a GPU while autograd records (the forward
   * lookups are deterministic anyway, and sampling keeps its one kernel per lookup), or everywhere when forced.
   */
  static boolean oneHotOn(Device device) {
    String forced = System.getProperty(PROPERTY, "");
    if (forced.equals("always") || forced.equals("never")) {
      return forced.equals("always");
    }
    return device.isGpu() && JniUtils.isGradMode();
  }

  /** Rows {@code ids} of {@code table}: today's embedding op on the CPU, a one-hot product on a GPU. */
  public static NDArray embed(NDArray ids, NDArray table) {
    return embed(ids, table, oneHotOn(ids.getDevice()));
  }

  /**
   * @param ids (…) int64 row numbers
   * @param table (R, D)
   * @param oneHot true for the formulation with a deterministic backward pass
   * @return (…, D), owned by {@code ids}' manager
   */
  public static NDArray embed(NDArray ids, NDArray table, boolean oneHot) {
    if (!oneHot) {
      return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }
    int rows = Math.toIntExact(table.getShape().get(0));
    // (…, R) × (R, D): the backward of table is oneHotᵀ × grad, a matrix product
    return ids.oneHot(rows, DataType.FLOAT32).matMul(table); // (…, D)
  }

  /** {@code values[…, index[…, 0]]} along the last axis: gather on the CPU, a one-hot product on a GPU. */
  public static NDArray pickLast(NDArray values, NDArray index) {
    return pickLast(values, index, oneHotOn(values.getDevice()));
  }

  /**
   * @param values (…, V) floats
   * @param index (…, 1) int64 positions in the last axis of {@code values}
   * @param oneHot true for the formulation with a deterministic backward pass
   * @return (…) the picked values, owned by {@code values}' manager
   */
  public static NDArray pickLast(NDArray values, NDArray index, boolean oneHot) {
    if (!oneHot) {
      return values.gather(index, -1).squeeze(-1); // (…)
    }
    int width = Math.toIntExact(values.getShape().getLastDimension());
    NDArray mask = index.squeeze(-1).oneHot(width, values.getDataType()); // (…, V)
    return values.mul(mask).sum(new int[] {-1}); // (…): one non-zero term per sum, so exactly the picked value
  }

  /** {@code values[n, index[n, r]]}: gather along axis 1 on the CPU, a one-hot product on a GPU. */
  public static NDArray pickColumns(NDArray values, NDArray index) {
    return pickColumns(values, index, oneHotOn(values.getDevice()));
  }

  /**
   * @param values (N, T) floats
   * @param index (N, R) int64 column numbers
   * @param oneHot true for the formulation with a deterministic backward pass
   * @return (N, R), owned by {@code values}' manager
   */
  public static NDArray pickColumns(NDArray values, NDArray index, boolean oneHot) {
    if (!oneHot) {
      return values.gather(index, 1); // (N, R)
    }
    int width = Math.toIntExact(values.getShape().get(1));
    NDArray mask = index.oneHot(width, values.getDataType()); // (N, R, T)
    return values.expandDims(1).mul(mask).sum(new int[] {-1}); // (N, 1, T) · (N, R, T) summed → (N, R)
  }
}
