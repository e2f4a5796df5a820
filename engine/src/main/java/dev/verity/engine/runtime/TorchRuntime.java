package dev.verity.engine.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Process-wide facts about the tensor engine: which device to use, and gradient mode per thread. */
public final class TorchRuntime {
  private TorchRuntime() {}

  /** The device asked for on the command line ({@code --device}); auto until a command sets it. */
  private static volatile DeviceChoice choice = DeviceChoice.AUTO;

  /** The GPU when DJL reports one (and {@code preferGpu}), else the CPU. */
  public static Device device(boolean preferGpu) {
    return preferGpu && gpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /** The default device: the one {@link #use} chose, else the GPU where one is usable. */
  public static Device defaultDevice() {
    return resolve(choice);
  }

  /**
   * Makes {@code wanted} the default device from now on (a command's {@code --device}). Only {@code gpu} loads the
   * engine here, to check a GPU is usable; {@code auto} is resolved when a model is first made, so a file with
   * errors is still refused before the engine starts. Sets libtorch's deterministic mode when {@value
   * TorchSwitches#VARIABLE} asks for it.
   *
   * @throws NoUsableGpuException for {@code gpu} where PyTorch cannot use one, saying what it found
   * @throws IllegalStateException when {@value TorchSwitches#VARIABLE} asks for what the loaded JNI cannot do
   */
  public static void use(DeviceChoice wanted) {
    if (wanted == DeviceChoice.GPU) {
      resolve(wanted);
    }
    choice = wanted;
    TorchSwitches.applyFromEnvironment();
  }

  /** The device asked for with {@link #use} ({@code auto} until then). */
  public static DeviceChoice choice() {
    return choice;
  }

  /** The device {@code wanted} means here. */
  public static Device resolve(DeviceChoice wanted) {
    switch (wanted) {
      case CPU:
        return Device.cpu();
      case GPU:
        if (gpuCount() == 0) {
          throw new NoUsableGpuException(noGpuReason(NativeLibrary.loaded()));
        }
        return Device.gpu();
      default:
        return device(true);
    }
  }

  /** Why {@code --device gpu} cannot run here, and how to get a GPU build: one line. */
  static String noGpuReason(NativeLibrary natives) {
    String found = natives.cudaBuild()
        ? "PyTorch " + natives.version() + " (" + natives.flavor() + ") from " + natives.folder()
            + " is a CUDA build, but CUDA reports no usable GPU (check nvidia-smi, and that the CUDA runtime is on"
            + " LD_LIBRARY_PATH)"
        : "PyTorch " + natives.version() + " was loaded from " + natives.folder() + ", a build without CUDA";
    return "no usable GPU: " + found + ". For a GPU, point VERITY_TORCH at a CUDA build of PyTorch (a PyTorch"
        + " installation's torch folder or a libtorch folder) and build its JNI once with scripts/build-jni.sh (see"
        + " README, On a GPU); or give --device cpu";
  }

  /** How many GPUs PyTorch can use: a CUDA build of libtorch and a device CUDA reports. */
  public static int gpuCount() {
    return Engine.getInstance().getGpuCount();
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

  /** PyTorch's inter-op thread count (fixed when the engine starts: {@code -Dai.djl.pytorch.num_interop_threads}). */
  public static int interopThreads() {
    Engine.getInstance();
    return JniUtils.getNumInteropThreads();
  }

  public static void setThreads(int threads) {
    Engine.getInstance();
    JniUtils.setNumThreads(threads);
  }
}
