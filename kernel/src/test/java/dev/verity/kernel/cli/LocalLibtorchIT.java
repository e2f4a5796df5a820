package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/verity with VERITY_TORCH naming a local libtorch, against fake libtorch folders (no GPU needed): what it
 * resolves, what it refuses before Java starts, and that DJL then loads that folder or fails saying so, never the
 * CPU natives bundled with Verity.
 */
class LocalLibtorchIT {
  @TempDir Path dir;

  private record Ran(int exit, String output) {}

  private Ran verity(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(VerityProcessIT.VERITY.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().remove("VERITY_TORCH");
    builder.environment().remove("PYTORCH_LIBRARY_PATH");
    builder.environment().put("VERITY_NATIVES", dir.resolve("natives").toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "still running");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Ran(process.exitValue(), output);
  }

  /** A pip-style torch folder: version.py and lib/ with (empty) libraries. */
  private Path pipTorch(String version, String cuda, boolean cudaLibraries) throws IOException {
    Path torch = Files.createDirectories(dir.resolve("site-packages/torch"));
    Path lib = Files.createDirectories(torch.resolve("lib"));
    Files.writeString(torch.resolve("version.py"), "__version__ = '" + version + "'\ndebug = False\ncuda: Optional[str] = "
        + (cuda == null ? "None" : "'" + cuda + "'") + "\n");
    Files.write(lib.resolve("libtorch.so"), new byte[0]);
    Files.write(lib.resolve("libc10.so"), new byte[0]);
    if (cudaLibraries) {
      Files.write(lib.resolve("libtorch_cuda.so"), new byte[0]);
    }
    return torch;
  }

  /** Where bin/verity looks for the JNI library of that libtorch: {@code <version>-<flavor>}. */
  private Path jniPath(String folder) {
    return dir.resolve("natives/pytorch/" + folder + "-linux-" + System.getProperty("os.arch")
        .replace("amd64", "x86_64") + "/0.36.0-libdjl_torch.so");
  }

  /** An (empty) JNI library where bin/verity looks for it. */
  private void jni(String folder) throws IOException {
    Path file = jniPath(folder);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[0]);
  }

  @Test
  void aFolderWithoutLibtorchIsRefusedBeforeJavaStarts() throws Exception {
    Ran missing = verity(Map.of("VERITY_TORCH", dir.resolve("nowhere").toString()), "bench");
    assertEquals(2, missing.exit(), missing.output());
    assertEquals("verity: VERITY_TORCH=" + dir.resolve("nowhere") + ": '" + dir.resolve("nowhere") + "' is not a"
        + " folder: give a PyTorch installation's torch folder, a libtorch folder or its lib folder\n", missing.output());

    Files.createDirectories(dir.resolve("empty"));
    Ran empty = verity(Map.of("VERITY_TORCH", dir.resolve("empty").toString()), "bench");
    assertEquals(2, empty.exit(), empty.output());
    assertTrue(empty.output().startsWith("verity: VERITY_TORCH=" + dir.resolve("empty") + ": no libtorch.so in "
        + dir.resolve("empty") + " or " + dir.resolve("empty") + "/lib"), empty.output());
  }

  @Test
  void aLibtorchWithoutItsJniLibrarySaysHowToBuildIt() throws Exception {
    Path torch = pipTorch("2.11.0+cu130", "13.0", true);
    Ran ran = verity(Map.of("VERITY_TORCH", torch.toString()), "run", "x.verity", "--device", "gpu");
    assertEquals(2, ran.exit(), ran.output());
    assertEquals("verity: no JNI library for PyTorch 2.11.0 (cu130) in " + torch.resolve("lib") + ": build it once"
        + " with scripts/build-jni.sh DJL_JNI_SOURCES " + torch + " (it writes " + jniPath("2.11.0-cu130")
        + "; README, On a GPU)\n", ran.output());
  }

  @Test
  void djlLoadsTheNamedLibtorchOrFailsSayingSoNeverTheBundledCpuNatives() throws Exception {
    Path torch = pipTorch("2.11.0+cu130", "13.0", true);
    jni("2.11.0-cu130");
    Files.writeString(dir.resolve("x.verity"), "task add = addition(digits: 1..2)\n");
    Ran check = verity(Map.of("VERITY_TORCH", torch.toString()), "check", "x.verity");
    assertEquals(0, check.exit(), "checking needs no engine: " + check.output());

    Ran bench = verity(Map.of("VERITY_TORCH", torch.toString()), "bench", "--device", "cpu", "--rows", "2");
    assertEquals(1, bench.exit(), bench.output());
    String last = bench.output().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("verity: PyTorch did not start: Failed to load PyTorch native library"), bench.output());
    assertTrue(last.endsWith("it was asked to load PyTorch 2.11.0 (cu130) from " + torch.resolve("lib") + ": check"
        + " that folder holds that build, and rebuild its JNI library with scripts/build-jni.sh (README, On a GPU)"),
        bench.output());
    assertFalse(bench.output().contains("device: cpu()"), "nothing ran on the bundled CPU natives");
  }

  @Test
  void djlsOwnVariableAndALibtorchDistributionResolveToo() throws Exception {
    // the unzipped C++ distribution: build-version beside lib/, named through DJL's PYTORCH_LIBRARY_PATH
    Path libtorch = Files.createDirectories(dir.resolve("libtorch/lib"));
    Files.write(libtorch.resolve("libtorch.so"), new byte[0]);
    Files.write(libtorch.resolve("libc10.so"), new byte[0]);
    Files.writeString(dir.resolve("libtorch/build-version"), "2.9.1+cu128\n");
    Ran ran = verity(Map.of("PYTORCH_LIBRARY_PATH", libtorch.toString()), "bench");
    assertEquals(2, ran.exit(), ran.output());
    assertTrue(ran.output().startsWith("verity: no JNI library for PyTorch 2.9.1 (cu128) in " + libtorch), ran.output());

    // a CUDA build that does not say for which CUDA, and a flavor given by hand
    Path torch = pipTorch("2.11.0", null, true);
    Ran unknown = verity(Map.of("VERITY_TORCH", torch.toString()), "bench");
    assertEquals(2, unknown.exit(), unknown.output());
    assertTrue(unknown.output().contains("holds a CUDA build of PyTorch but does not say for which CUDA: set"
        + " PYTORCH_FLAVOR (e.g. cu130 for CUDA 13.0)"), unknown.output());
    Ran given = verity(Map.of("VERITY_TORCH", torch.toString(), "PYTORCH_FLAVOR", "cu126"), "bench");
    assertTrue(given.output().startsWith("verity: no JNI library for PyTorch 2.11.0 (cu126)"), given.output());
  }
}
