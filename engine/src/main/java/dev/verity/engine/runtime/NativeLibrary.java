package dev.verity.engine.runtime;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch native library DJL loaded, for the manifest and for messages.
 *
 * @param version libtorch's version (2.7.1, 2.11.0, …)
 * @param flavor its build: {@code cpu}, or {@code cuNNN} for a CUDA build
 * @param folder where libtorch was loaded from
 * @param cuda the CUDA runtime's version where a GPU is usable, e.g. {@code 13.0}
 * @param gpus how many GPUs PyTorch can use here
 * @param deterministicAlgorithms libtorch's own deterministic mode ({@code off}, {@code warn} or {@code on}; see
 *     {@link TorchSwitches})
 */
public record NativeLibrary(
    String version, String flavor, String folder, Optional<String> cuda, int gpus, String deterministicAlgorithms) {

  // DJL's cache folders are named <version>-<flavor>-<os>-<arch>: 2.7.1-20250812-cpu-linux-x86_64
  private static final Pattern CACHE_FOLDER = Pattern.compile("-(cpu|cu[0-9]+)(-precxx11)?-[a-z]+-[a-z0-9_]+$");

  /** What this process loaded; loads the engine on first use. */
  public static NativeLibrary loaded() {
    Engine engine = Engine.getInstance();
    String folder = LibUtils.getLibtorchPath();
    int gpus = engine.getGpuCount();
    Optional<String> cuda = Optional.empty();
    if (gpus > 0) {
      int v = CudaUtils.getCudaVersion(); // 13000 for 13.0
      cuda = Optional.of(v / 1000 + "." + (v % 1000) / 10);
    }
    return new NativeLibrary(engine.getVersion(), flavor(folder, System.getenv("PYTORCH_LIBRARY_PATH"),
        System.getenv("PYTORCH_FLAVOR")), folder, cuda, gpus, TorchSwitches.deterministicMode());
  }

  /**
   * The flavor of the libtorch in {@code folder}: the user's {@code PYTORCH_FLAVOR} when DJL loaded the folder the
   * user named in {@code PYTORCH_LIBRARY_PATH}, else the flavor in the name of DJL's cache folder.
   */
  static String flavor(String folder, String libraryPath, String flavorVariable) {
    if (libraryPath != null && !libraryPath.isBlank() && sameFolder(folder, libraryPath)) {
      return flavorVariable == null || flavorVariable.isBlank() ? "unknown (PYTORCH_FLAVOR is not set)"
          : flavorVariable;
    }
    Matcher m = CACHE_FOLDER.matcher(Path.of(folder).getFileName().toString());
    return m.find() ? m.group(1) : "unknown";
  }

  private static boolean sameFolder(String a, String b) {
    try {
      return Path.of(a).toRealPath().equals(Path.of(b).toRealPath());
    } catch (java.io.IOException | RuntimeException e) {
      return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    }
  }

  /** A CUDA build, as the flavor says. */
  public boolean cudaBuild() {
    return flavor.startsWith("cu");
  }

  /** One line for people: {@code PyTorch 2.11.0 (cu130) from /…/torch/lib, CUDA 13.0, 1 GPU}. */
  public String describe() {
    return "PyTorch " + version + " (" + flavor + ") from " + folder
        + cuda.map(c -> ", CUDA " + c).orElse("") + ", " + gpus + (gpus == 1 ? " GPU" : " GPUs");
  }
}
