package dev.verity.engine.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Process-wide facts about the tensor engine: which device to use, and gradient mode per thread. */
public final class TorchRuntime {
  private TorchRuntime() {}

  /** The GPU when DJL reports one (and {@code preferGpu}), else the CPU. */
  public static Device device(boolean preferGpu) {
    return preferGpu && Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /** The default device: the GPU where present. */
  public static Device defaultDevice() {
    return device(true);
  }

  /**
   * Turns PyTorch's autograd recording off on the calling thread. Grad mode is thread-local in libtorch and
   * DJL only sets it on the thread that started the engine; a kernel runs cells on other threads, where it
   * would otherwise be on, recording graphs for inference and refusing in-place optimiser updates.
   */
  public static void noGradOnThisThread() {
    Engine.getInstance(); // loads the native library on first use
    JniUtils.setGradMode(false);
  }

  /** The PyTorch version DJL loaded. */
  public static String engineVersion() {
    return Engine.getInstance().getVersion();
  }

  /** DJL's own version. */
  public static String djlVersion() {
    return Engine.getDjlVersion();
  }

  /** PyTorch's intra-op thread count. Results are bit-identical only at the same count. */
  public static int threads() {
    Engine.getInstance();
    return JniUtils.getNumThreads();
  }

  public static void setThreads(int threads) {
    Engine.getInstance();
    JniUtils.setNumThreads(threads);
  }
}
