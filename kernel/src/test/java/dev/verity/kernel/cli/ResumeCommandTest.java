package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RunComparison;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity run --resume DIR} in-process: a run whose second stage lost its last steps (as a killed process
 * leaves it) continues to the records and checkpoints of the run that finished; what cannot resume is refused in
 * one line with exit 2.
 */
class ResumeCommandTest {
  static final String TWO_STAGES = """
      experiment "two" seed 8
      task add = addition(digits: 1..2)
      task add_test = addition(digits: 1..2, count: 6)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 32)
      reward correct = exact_answer()
      sampling explore = sample(max_tokens: 6, per_prompt: 2)
      sft warm: policy on add { steps: 6, batch: 8 }
      eval mid: policy on add_test with sample(temperature: 0, max_tokens: 6)
      rl tune: policy on add { reward: correct, sampling: explore, prompts: 2, steps: 5 }
      plot reward_mean by step for tune
      """;

  @TempDir static Path dir;
  static Path done;

  @BeforeAll
  static void runToTheEnd() throws IOException {
    Path file = Files.writeString(dir.resolve("two.verity"), TWO_STAGES);
    // keeping every checkpoint, the finished run holds those a run killed part-way would have had: deleting the
    // later ones leaves exactly that (with the default only the last of each stage stays, see KeepCheckpointsTest)
    Cli.Ran ran = Cli.verity("run", file.toString(), "--out", dir.resolve("runs").toString(), "--checkpoint-every",
        "2", "--keep-checkpoints", "all");
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      done = runs.findFirst().orElseThrow();
    }
  }

  @Test
  void aRunCutBackInItsSecondStageResumesToTheFinishedRecordsAndCheckpoints() throws IOException {
    Path killed = copy(done, dir.resolve("killed"));
    // as the process left it when killed during step 3 of tune: its last checkpoint is the one at step 2
    Files.delete(killed.resolve("checkpoints/tune-step-000004.ckpt"));
    Files.delete(killed.resolve("checkpoints/tune-step-000005.ckpt"));
    Path manifest = killed.resolve(RunDirectory.MANIFEST);
    Files.writeString(manifest, Files.readString(manifest).replace("\"status\" : \"done\"", "\"status\" : \"running\"")
        .replaceAll("\"ended_at\" : \"[^\"]*\"", "\"ended_at\" : null"));
    Files.delete(killed.resolve("charts/01-reward_mean-by-step-tune.png"));

    // no --checkpoint-every or --keep-checkpoints: the run's own 2 and all come from its manifest, so the
    // checkpoints fall on the same steps and none is pruned
    Cli.Ran resumed = Cli.verity("run", "--resume", killed.toString());
    assertEquals(Verity.DONE, resumed.exitCode(), resumed.all());
    assertTrue(resumed.out().startsWith("resume " + killed + "\n"), resumed.all());
    assertTrue(resumed.out().contains("sft warm: policy, 6 steps restored from the run directory; loss "),
        resumed.all());
    assertTrue(resumed.out().contains("  tune step 5/5  reward "), "the steps after the checkpoint ran:\n"
        + resumed.all());
    assertFalse(resumed.out().contains("  tune step 1/5"), "the steps before it did not:\n" + resumed.all());
    assertTrue(Files.exists(killed.resolve("charts/01-reward_mean-by-step-tune.png")), "the chart is drawn again");

    RunDirectory finished = RunDirectory.openReadOnly(done);
    RunDirectory continued = RunDirectory.openReadOnly(killed);
    assertEquals(RunStatus.DONE, continued.manifest().status());
    assertEquals(List.of(), RunComparison.compare(finished, continued), "every record of the finished run");
    assertEquals(finished.manifest().stages(), continued.manifest().stages());
    Map<String, byte[]> want = checkpoints(done);
    Map<String, byte[]> got = checkpoints(killed);
    assertEquals(want.keySet(), got.keySet());
    want.forEach((name, bytes) -> assertArrayEquals(bytes, got.get(name), name));
  }

  @Test
  void aDoneRunIsRefusedInOneLine() {
    Cli.Ran refused = Cli.verity("run", "--resume", done.toString());
    assertEquals(Verity.BAD_INPUT, refused.exitCode(), refused.all());
    assertEquals(List.of("verity: " + done + " is done: there is nothing to resume (`verity replay " + done
        + "` reruns it into a new directory)"), refused.errLines());
  }

  @Test
  void aFolderThatIsNotARunIsRefusedInOneLine() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("not-a-run"));
    Cli.Ran refused = Cli.verity("run", "--resume", folder.toString());
    assertEquals(Verity.BAD_INPUT, refused.exitCode(), refused.all());
    assertEquals(List.of("verity: " + folder + " is not a run directory: it has no manifest.json"),
        refused.errLines());

    Cli.Ran missing = Cli.verity("run", "--resume", dir.resolve("nowhere").toString());
    assertEquals(Verity.BAD_INPUT, missing.exitCode(), missing.all());
    assertEquals(List.of("verity: no such run directory: " + dir.resolve("nowhere")), missing.errLines());
  }

  @Test
  void aResumeTakesNoFileNoOverridesAndNoOutputFolder() {
    Cli.Ran withFile = Cli.verity("run", "two.verity", "--resume", done.toString());
    assertEquals(Verity.BAD_INPUT, withFile.exitCode(), withFile.all());
    assertEquals(List.of("verity: --resume reruns the run's own recorded source and overrides into its own"
        + " directory: drop FILE two.verity"), withFile.errLines());
    Cli.Ran withSet = Cli.verity("run", "--resume", done.toString(), "--set", "rl.steps=2");
    assertEquals(Verity.BAD_INPUT, withSet.exitCode(), withSet.all());
    assertTrue(withSet.err().endsWith("drop --set\n"), withSet.all());

    Cli.Ran nothing = Cli.verity("run");
    assertEquals(Verity.BAD_INPUT, nothing.exitCode(), nothing.all());
    assertEquals(List.of("verity: name an experiment file to run, or a run directory to continue with --resume DIR"),
        nothing.errLines());
  }

  private static Map<String, byte[]> checkpoints(Path run) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
    return to;
  }
}
