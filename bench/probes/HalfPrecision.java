import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.verity.engine.runtime.MklOnAmd;
import java.util.List;

/**
 * Whether half precision could speed up training on the CPU with the PyTorch natives Verity bundles: times the
 * matrix products of one SFT step of the headline (3,140 tokens, dim 128) in float32 and float16, and tries a
 * bfloat16 tensor in a child JVM, since DJL's JNI ends the process on a type it does not map. docs/performance.md
 * quotes its output. Run from the repository root after a build:
 *
 * <pre>
 * java -cp 'kernel/target/lib/*:kernel/target/verity-plain.jar' bench/probes/HalfPrecision.java
 * </pre>
 */
public final class HalfPrecision {
  private static final int[][] SHAPES = { // {M, K, N} of (M × K) · (K × N)
    {3140, 128, 384}, // the QKV projection
    {3140, 128, 512}, // the MLP's first layer
    {3140, 512, 128}, // the MLP's second layer
    {128, 3140, 384}, // a weight's gradient
  };

  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    if (args.length == 1 && args[0].equals("bf16")) {
      bfloat16();
      return;
    }
    MklOnAmd.install(); // the kernels every Verity command uses on AMD
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int[] s : SHAPES) {
        NDArray x = manager.randomNormal(new Shape(s[0], s[1]));
        NDArray w = manager.randomNormal(new Shape(s[1], s[2]));
        for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT16)) {
          double seconds = secondsPerProduct(manager, x.toType(type, true), w.toType(type, true));
          System.out.printf("%d x %d x %d  %-8s %9.3f ms  %6.1f GFLOP/s%n", s[0], s[1], s[2], type, seconds * 1e3,
              2.0 * s[0] * s[1] * s[2] / seconds / 1e9);
        }
      }
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "bench/probes/HalfPrecision.java", "bf16").inheritIO().start();
    System.out.println("bfloat16 child JVM exit status: " + child.waitFor());
  }

  private static double secondsPerProduct(NDManager manager, NDArray x, NDArray w) {
    int warmUp = 5;
    int timed = x.getDataType() == DataType.FLOAT32 ? 100 : 5;
    long start = 0;
    for (int i = 0; i < warmUp + timed; i++) {
      if (i == warmUp) {
        start = System.nanoTime();
      }
      try (NDManager step = manager.newSubManager()) {
        x.matMul(w).attach(step);
      }
    }
    return (System.nanoTime() - start) / 1e9 / timed;
  }

  private static void bfloat16() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomNormal(new Shape(64, 128));
      System.out.println("bfloat16: converting a float32 tensor");
      NDArray y = x.toType(DataType.BFLOAT16, true);
      System.out.println("bfloat16: converted, " + y.getDataType());
    }
  }
}
