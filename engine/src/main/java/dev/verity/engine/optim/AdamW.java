package dev.verity.engine.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.verity.engine.runtime.FloatBlocks;
import dev.verity.engine.runtime.Tensors;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (decoupled weight decay) with global gradient-norm clipping, on PyTorch's fused Adam update. The
 * moment estimates are this object's own arrays, so they can be checkpointed and restored bit for bit.
 */
public final class AdamW implements AutoCloseable {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final NDManager manager;
  private final List<NDArray> means = new ArrayList<>();
  private final List<NDArray> variances = new ArrayList<>();
  private long steps;

  /** Moments for {@code weights}, zero-initialised, on their device. */
  public AdamW(List<NDArray> weights, NDManager parent) {
    this.manager = parent.newSubManager();
    for (NDArray w : weights) {
      means.add(manager.zeros(w.getShape(), w.getDataType()));
      variances.add(manager.zeros(w.getShape(), w.getDataType()));
    }
  }

  public long steps() {
    return steps;
  }

  /**
   * One update from the gradients accumulated on {@code weights} (which are then zeroed).
   *
   * @return the global gradient norm before clipping
   */
  public double step(List<NDArray> weights, NDManager step, double lr, double weightDecay, double clipNorm) {
    List<NDArray> grads = new ArrayList<>(weights.size());
    NDList norms = new NDList(weights.size());
    for (NDArray w : weights) {
      NDArray g = w.getGradient(); // a new handle on the weight's gradient
      g.attach(step); // so the handle and every op on it are freed with the step
      grads.add(g);
      norms.add(g.norm());
    }
    double norm = NDArrays.stack(norms).norm().getFloat();
    // clipping: scale every gradient by clip/norm when the norm exceeds clip
    float rescale = clipNorm > 0 && norm > clipNorm ? (float) (clipNorm / norm) : 1f;
    steps++;
    double correction1 = 1 - Math.pow(BETA1, steps);
    double correction2 = 1 - Math.pow(BETA2, steps);
    float lrCorrected = (float) (lr * Math.sqrt(correction2) / correction1); // bias correction folded in
    for (int i = 0; i < weights.size(); i++) {
      NDArray w = weights.get(i);
      w.getNDArrayInternal()
          .adamUpdate(
              new NDList(w, grads.get(i), means.get(i), variances.get(i)),
              new NDList(w),
              (float) lr,
              lrCorrected,
              (float) weightDecay,
              rescale,
              -1f, // no element-wise clipping
              BETA1,
              BETA2,
              EPS,
              false,
              true); // decoupled weight decay
    }
    return norm;
  }

  /** Writes the step count and both moments. */
  public void write(DataOutputStream out) throws IOException {
    out.writeLong(steps);
    out.writeInt(means.size());
    for (int i = 0; i < means.size(); i++) {
      writeFloats(out, means.get(i));
      writeFloats(out, variances.get(i));
    }
  }

  /** Restores what {@link #write} wrote; the weights' layout must match. */
  public void read(DataInputStream in) throws IOException {
    long savedSteps = in.readLong();
    int count = in.readInt();
    if (count != means.size()) {
      throw new IOException("optimiser state has " + count + " weights, the model has " + means.size());
    }
    for (int i = 0; i < count; i++) {
      readFloats(in, means.get(i));
      readFloats(in, variances.get(i));
    }
    steps = savedSteps;
  }

  private static void writeFloats(DataOutputStream out, NDArray a) throws IOException {
    float[] values = a.toFloatArray();
    out.writeInt(values.length);
    FloatBlocks.write(out, values);
  }

  private static void readFloats(DataInputStream in, NDArray into) throws IOException {
    int n = in.readInt();
    if (n != into.size()) {
      throw new IOException("optimiser state of " + n + " values for a weight of " + into.size());
    }
    float[] values = new float[n];
    FloatBlocks.read(in, values);
    Tensors.overwrite(into, values);
  }

  @Override
  public void close() {
    manager.close();
  }
}
