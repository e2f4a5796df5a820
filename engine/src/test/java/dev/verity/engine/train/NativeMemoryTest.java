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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Native memory stays flat over hundreds of training steps, with the evaluations and checkpoints a stage makes
 * along the way. Each stage runs in a child JVM whose Java heap is fixed and touched up front ({@code -Xms =
 * -Xmx}, {@code AlwaysPreTouch}), so its resident set grows only with native memory; growth is measured from a
 * sample after warm-up to the end.
 *
 * <p>Measured on the 2-core machine (tiny model, glibc with the project's malloc settings): without a leak, SFT
 * grew 3–7 MB over steps 50–350 and then levelled off (250 MB from step 700 to 1500), RL about 1 MB over steps
 * 25–150 (flat from step 200 to 600). One (16, 40, 16) float array left open per step adds about 40 kB a step:
 * three of them grew SFT by 41 MB and RL by 17 MB over the measured steps (one: 18 MB and 6 MB), so the bounds
 * below catch a leak of a few activations per step and pass the noise.
 */
class NativeMemoryTest {
  /** What the launcher and the build give the JVM: glibc malloc with one arena, never trimmed; DJL offline. */
  private static final Map<String, String> CHILD_ENV =
      Map.of(
          "MALLOC_ARENA_MAX", "1", "MALLOC_TRIM_THRESHOLD_", "4294967296", "MALLOC_MMAP_THRESHOLD_", "33554432",
          "DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true");

  @TempDir Path checkpoints;

  @ParameterizedTest(name = "{0}: {1} steps, warm-up {2}, growth below {3} MB")
  @CsvSource({"sft, 350, 50, 16", "rl, 150, 25, 8"})
  void residentMemoryStaysFlatOverManySteps(String stage, int steps, int warmUp, int boundMb) throws Exception {
    List<Long> rss = residentKb(stage, steps, warmUp, 0, checkpoints);
    long growth = rss.get(rss.size() - 1) - rss.get(0);
    System.out.printf(
        "NativeMemoryTest: %s grew %d kB over %d steps (kB every %d steps: %s)%n", stage, growth, steps - warmUp,
        warmUp, rss);
    assertTrue(growth < boundMb * 1024L, stage + " grew " + growth + " kB after warm-up");
  }

  @ParameterizedTest(name = "{0}: a leak of 3 arrays a step exceeds {3} MB")
  @CsvSource({"sft, 350, 50, 16", "rl, 150, 25, 8"})
  void aLeakOfThreeActivationsPerStepBreaksTheSameBound(String stage, int steps, int warmUp, int boundMb)
      throws Exception {
    List<Long> rss = residentKb(stage, steps, warmUp, 3, checkpoints);
    long growth = rss.get(rss.size() - 1) - rss.get(0);
    assertTrue(growth >= boundMb * 1024L, stage + " with a leak grew only " + growth + " kB");
  }

  /** Runs the workload in a child JVM and returns its resident set size after every {@code warmUp} steps. */
  private static List<Long> residentKb(String stage, int steps, int warmUp, int leak, Path checkpoints)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(), "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1", "-Xss4m",
            "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
            MemoryWorkload.class.getName(), stage, Integer.toString(steps), Integer.toString(warmUp),
            Integer.toString(leak), checkpoints.toString());
    builder.environment().putAll(CHILD_ENV);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process child = builder.start();
    List<Long> samples = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        String[] parts = line.split(" ");
        if (parts.length == 3 && parts[0].equals("rss")) {
          samples.add(Long.parseLong(parts[2]));
        }
      }
    } catch (IOException e) {
      child.destroyForcibly();
      throw e;
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the workload finished");
    assertEquals(0, child.exitValue(), "the workload's exit status");
    assertEquals(steps / warmUp, samples.size(), "one sample every " + warmUp + " steps");
    return samples;
  }
}
