package dev.verity.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Native memory stays flat over hundreds of training steps. Each stage runs in a child JVM whose Java heap is
 * fixed and touched up front ({@code -Xms = -Xmx}, {@code AlwaysPreTouch}), so its resident set grows only with
 * native memory; growth is measured from a sample after warm-up to the end.
 *
 * <p>Measured on the 2-core machine (tiny model, glibc with the project's malloc settings): without a leak, SFT
 * grew 0–8 MB over any 300 steps and RL about 1 MB over 125 steps. One (16, 40, 16) float array left open per
 * step adds about 40 kB a step: three of them grew SFT by 46 MB over 350 steps and RL by 16 MB over 125, so the
 * bounds below catch a leak of a few activations per step and pass the noise.
 */
class NativeMemoryTest {
  /** The glibc settings the launcher and the build use: one arena, never trimmed, big blocks mapped. */
  private static final Map<String, String> MALLOC =
      Map.of(
          "MALLOC_ARENA_MAX", "1", "MALLOC_TRIM_THRESHOLD_", "4294967296", "MALLOC_MMAP_THRESHOLD_", "33554432",
          "DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true");

  @ParameterizedTest(name = "{0}: {1} steps, warm-up {2}, growth below {3} MB")
  @CsvSource({"sft, 350, 50, 16", "rl, 150, 25, 8"})
  void residentMemoryStaysFlatOverManySteps(String stage, int steps, int warmUp, int boundMb) throws Exception {
    long growth = growthKb(stage, steps, warmUp, 0);
    System.out.printf("NativeMemoryTest: %s grew %d kB over %d steps%n", stage, growth, steps - warmUp);
    assertTrue(growth < boundMb * 1024L, stage + " grew " + growth + " kB after warm-up");
  }

  @ParameterizedTest(name = "{0}: a leak of 3 arrays a step exceeds {3} MB")
  @CsvSource({"sft, 350, 50, 16", "rl, 150, 25, 8"})
  void aLeakOfThreeActivationsPerStepBreaksTheSameBound(String stage, int steps, int warmUp, int boundMb)
      throws Exception {
    long growth = growthKb(stage, steps, warmUp, 3);
    assertTrue(growth >= boundMb * 1024L, stage + " with a leak grew only " + growth + " kB");
  }

  /** Runs the workload in a child JVM and returns its resident-set growth from {@code warmUp} to the end. */
  private static long growthKb(String stage, int steps, int warmUp, int leak) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(), "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1", "-Xss4m",
            "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
            MemoryWorkload.class.getName(), stage, Integer.toString(steps), Integer.toString(warmUp),
            Integer.toString(leak));
    builder.environment().putAll(MALLOC);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process child = builder.start();
    List<long[]> samples = new ArrayList<>(); // {step, kB}
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        String[] parts = line.split(" ");
        if (parts.length == 3 && parts[0].equals("rss")) {
          samples.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
        }
      }
    } catch (IOException e) {
      child.destroyForcibly();
      throw e;
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the workload finished");
    assertEquals(0, child.exitValue(), "the workload's exit status");
    assertEquals(steps / warmUp, samples.size(), "one sample every " + warmUp + " steps");
    return samples.get(samples.size() - 1)[1] - samples.get(0)[1];
  }
}
