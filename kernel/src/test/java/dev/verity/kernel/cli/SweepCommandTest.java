package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity run --set seed=N} recorded and replayed; {@code verity sweep} and {@code verity compare} refusing
 * what they cannot do in one line with exit 2, before anything runs or is written.
 */
class SweepCommandTest {
  static final String TINY = """
      experiment "tiny" seed 1
      task add = addition(digits: 1..2)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 24)
      sft warm: policy on add { steps: 2, batch: 8 }
      """;

  @TempDir Path dir;

  private String file() throws IOException {
    return Files.writeString(dir.resolve("tiny.verity"), TINY).toString();
  }

  @Test
  void aSeedSetOnTheCommandLineIsTheRunsSeedAndItsReplaysToo() throws IOException {
    Cli.Ran ran = Cli.verity("run", file(), "--set", "seed=5", "--out", dir.resolve("runs").toString());
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    Path run;
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      run = runs.findFirst().orElseThrow();
    }
    Manifest m = RunDirectory.openReadOnly(run).manifest();
    assertEquals(5, m.seed());
    assertEquals(List.of("seed=5"), m.overrides());
    Cli.Ran replay = Cli.verity("replay", run.toString(), "--out", dir.resolve("replays").toString());
    assertEquals(Verity.DONE, replay.exitCode(), replay.all());
    assertTrue(replay.out().endsWith("identical\n"), replay.all());
  }

  private void refused(String expected, String... args) {
    Cli.Ran ran = Cli.verity(args);
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith(expected), "expected '" + expected + "':\n" + ran.all());
    assertFalse(Files.exists(dir.resolve("sweeps")), "nothing was written");
  }

  @Test
  void badRequestsAreRefusedBeforeAnythingRuns() throws IOException {
    String file = file();
    String out = dir.resolve("sweeps").toString();
    refused("verity: name an experiment file to sweep, or a sweep directory with --resume DIR or --status DIR",
        "sweep");
    refused("verity: --seeds 0: give 1 to 10000 seeds (give a count such as 5", "sweep", file, "--seeds", "0",
        "--out", out);
    refused("verity: --set seed=3: a sweep sets the seed of each run itself: give --seeds 3 instead", "sweep", file,
        "--set", "seed=3", "--out", out);
    refused("verity: --set warm.steps is given twice: list all its values in one --set", "sweep", file, "--set",
        "warm.steps=2", "--set", "warm.steps=3", "--out", out);
    refused("verity: --partition, --time, --cpus-per-task and --gres are sbatch options: add --on slurm", "sweep",
        file, "--partition", "gpu", "--out", out);
    refused("verity: no such sweep directory: " + dir.resolve("none"), "sweep", "--status",
        dir.resolve("none").toString());
    refused("verity: --resume " + out + " works on the sweep as it was started: drop the other options", "sweep",
        "--resume", out, "--seeds", "3");
    refused("verity: no such folder: " + dir.resolve("none"), "compare", dir.resolve("none").toString());
    refused("verity: " + file + " is an experiment file, not a folder: compare takes run directories, sweep"
        + " directories, or folders of run directories such as runs/", "compare", file);
    refused("verity: --metric speed: evaluations record accuracy, pass_at_k, response_len_mean", "compare",
        dir.toString(), "--metric", "speed");
  }

  @Test
  void aValueThatDoesNotCheckIsShownWithItsPlaceAndNothingRuns() throws IOException {
    Cli.Ran ran = Cli.verity("sweep", file(), "--seeds", "2", "--set", "warm.steps=2,0", "--out",
        dir.resolve("sweeps").toString());
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith("--set warm.steps:1:12: error: 'steps' must be ≥ 1, got 0"), ran.all());
    assertFalse(Files.exists(dir.resolve("sweeps")));
  }
}
