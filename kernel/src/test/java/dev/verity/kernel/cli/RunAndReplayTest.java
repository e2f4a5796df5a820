package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity run} of a tiny experiment (2 layers, dim 32: 20 SFT steps, RL cut to 2 steps by {@code --set}, an
 * eval, a plot, a table, a check, a save), then {@code verity replay} of it, as recorded and after tampering.
 */
class RunAndReplayTest {
  static final String TINY = """
      experiment "tiny" seed 5
      task add = addition(digits: 1..2)
      task add_test = addition(digits: 1..2, count: 8)
      model policy = gpt(layers: 2, heads: 2, dim: 32, context: 32)
      reward correct = exact_answer()
      check correct(prompt: "1+2=", response: "3", answer: "3") == 1
      sampling explore = sample(max_tokens: 8, per_prompt: 4)
      sampling greedy = sample(temperature: 0, max_tokens: 8)
      sft warm: policy on add { steps: 20, batch: 8 }
      rl tune: policy on add {
        reward: correct
        sampling: explore
        prompts: 4
        steps: 3
        eval: add_test with greedy every 1
      }
      eval final: policy on add_test with greedy
      plot accuracy, response_len_mean by step for tune
      table rollouts(last: 4)
      save policy to "checkpoints/tiny"
      """;

  @TempDir static Path dir;
  static Cli.Ran ran;
  static RunDirectory run;

  @BeforeAll
  static void runTheTinyExperiment() throws IOException {
    Path experiments = Files.createDirectories(dir.resolve("experiments"));
    Files.writeString(experiments.resolve("tiny.verity"), TINY);
    ran = Cli.verity("run", experiments.resolve("tiny.verity").toString(), "--out", dir.resolve("runs").toString(),
        "--set", "rl.steps=2");
    run = RunDirectory.openReadOnly(only(dir.resolve("runs")));
  }

  @Test
  void theRunWritesEveryFileAndEndsDone() throws IOException {
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    assertTrue(run.path().getFileName().toString().matches("tiny-[0-9]{8}-[0-9]{6}"), run.path().toString());
    assertEquals(TINY, Files.readString(run.sourceFile()), "the exact source");
    Manifest m = run.manifest();
    assertEquals(RunStatus.DONE, m.status());
    assertEquals(5, m.seed(), "from the experiment statement");
    assertEquals(List.of("rl.steps=2"), m.overrides());
    assertEquals(Optional.of(dir.resolve("experiments").toAbsolutePath()), m.baseDir());
    assertTrue(m.threads() >= 1);
    for (String file : List.of(RunDirectory.METRICS, RunDirectory.EVAL, RunDirectory.EVAL_LEVELS,
        RunDirectory.ROLLOUTS)) {
      assertTrue(Files.size(run.path().resolve(file)) > 0, file);
    }
    assertTrue(Files.exists(dir.resolve("experiments/checkpoints/tiny")), "save resolves against the file's folder");
    try (Stream<Path> checkpoints = Files.list(run.checkpointsDir())) {
      assertTrue(checkpoints.anyMatch(p -> p.toString().endsWith(".ckpt")), "stages checkpoint at their end");
    }
  }

  @Test
  void theOverrideIsHonoured() throws IOException {
    List<StepMetrics> rows = run.records().metrics();
    assertEquals(20, rows.stream().filter(r -> r.stage().equals("warm")).count());
    assertEquals(2, rows.stream().filter(r -> r.stage().equals("tune")).count(), "--set rl.steps=2 beat steps: 3");
  }

  @Test
  void plotsBecomePngsAndTablesAndVerdictsArePrinted() throws IOException {
    Path chart = run.chartsDir().resolve("01-accuracy-response_len_mean-by-step-tune.png");
    assertTrue(Files.exists(chart), "charts: " + Arrays.toString(run.chartsDir().toFile().list()));
    byte[] png = Files.readAllBytes(chart);
    assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    assertTrue(ran.out().contains("  chart: " + chart), ran.all());
    assertTrue(ran.out().contains("✓ passed: "), "the check's verdict:\n" + ran.all());
    assertTrue(ran.out().contains("last 4 rollouts of tune"), "the table as text:\n" + ran.all());
    assertTrue(ran.out().contains("sft warm: policy, 20 steps"), ran.all());
    assertTrue(ran.out().contains("  warm step 1/20  loss "), "the first step is logged:\n" + ran.all());
    assertTrue(ran.out().contains("  warm step 10/20  loss "), ran.all());
    assertTrue(ran.out().contains("  tune step 2/2  reward "), "the last step is logged:\n" + ran.all());
    assertFalse(ran.out().contains("  warm step 11/20"), "plain lines every 10 steps, not every step");
    assertTrue(ran.out().contains("done: " + run.path()), ran.all());
  }

  @Test
  void aReplayIsIdentical() {
    Cli.Ran replay = Cli.verity("replay", run.path().toString(), "--out", dir.resolve("replays").toString());
    assertEquals(Verity.DONE, replay.exitCode(), replay.all());
    assertTrue(replay.out().strip().endsWith("\nidentical"), replay.all());
  }

  @Test
  void aReplayOfAFileWithoutAnExperimentStatementKeepsTheRunsName() throws IOException {
    Path file = Files.writeString(dir.resolve("nameless.verity"),
        "reward correct = exact_answer()\ncheck correct(prompt: \"1+1=\", response: \"2\", answer: \"2\") == 1\n");
    Cli.Ran first = Cli.verity("run", file.toString(), "--out", dir.resolve("nameless-runs").toString());
    assertEquals(Verity.DONE, first.exitCode(), first.all());
    Path recorded;
    try (java.util.stream.Stream<Path> runs = Files.list(dir.resolve("nameless-runs"))) {
      recorded = runs.findFirst().orElseThrow();
    }
    assertTrue(recorded.getFileName().toString().startsWith("nameless-"), recorded.toString());
    Cli.Ran replay = Cli.verity("replay", recorded.toString(), "--out", dir.resolve("nameless-replays").toString());
    assertEquals(Verity.DONE, replay.exitCode(), replay.all());
    try (java.util.stream.Stream<Path> runs = Files.list(dir.resolve("nameless-replays"))) {
      Path replayed = runs.findFirst().orElseThrow();
      assertTrue(replayed.getFileName().toString().startsWith("nameless-"), "not experiment-…: " + replayed);
    }
  }

  @Test
  void aReplayNamesTheFirstDivergenceOfATamperedRun() throws IOException {
    Path copy = copy(run.path(), dir.resolve("tampered"));
    Path metrics = copy.resolve(RunDirectory.METRICS);
    List<String> lines = Files.readAllLines(metrics);
    List<String> columns = List.of(lines.get(0).split(","));
    int row = lines.indexOf(lines.stream().filter(l -> l.startsWith("warm,3,")).findFirst().orElseThrow());
    String[] cells = lines.get(row).split(",", -1);
    int loss = columns.indexOf("loss");
    String recorded = cells[loss];
    cells[loss] = Double.toString(Double.parseDouble(recorded) + 0.25);
    lines.set(row, String.join(",", cells));
    lines.remove(lines.size() - 1); // and the last row goes missing
    Files.write(metrics, lines);

    Cli.Ran replay = Cli.verity("replay", copy.toString(), "--out", dir.resolve("replays").toString());
    assertEquals(Verity.FAILED, replay.exitCode(), replay.all());
    assertTrue(replay.out().contains("metrics.csv: first divergence at stage warm, step 3, loss: recorded "
        + cells[loss] + ", replay " + Double.parseDouble(recorded) + "\n"), replay.all());
    assertTrue(replay.out().contains("metrics.csv: the replay has 1 more rows (recorded 21, replay 22)"),
        replay.all());
    assertFalse(replay.out().contains("identical"), replay.all());
  }

  @Test
  void aReplayRefusesAnotherDeviceAndAnEditedSource() throws IOException {
    Path otherDevice = copy(run.path(), dir.resolve("other-device"));
    Path manifest = otherDevice.resolve(RunDirectory.MANIFEST);
    String device = run.manifest().device();
    Files.writeString(manifest, Files.readString(manifest).replace("\"device\" : \"" + device + "\"",
        "\"device\" : \"tpu(7)\""));
    Cli.Ran refused = Cli.verity("replay", otherDevice.toString(), "--out", dir.resolve("refused").toString());
    assertEquals(Verity.BAD_INPUT, refused.exitCode(), refused.all());
    assertEquals(List.of("verity: the run was recorded on tpu(7) but this machine computes on " + device + ": replay"
        + " it on a machine with the same device, where the numbers can match bit for bit"), refused.errLines());

    Path edited = copy(run.path(), dir.resolve("edited"));
    Files.writeString(edited.resolve(RunDirectory.SOURCE), TINY.replace("seed 5", "seed 6"));
    Cli.Ran stale = Cli.verity("replay", edited.toString(), "--out", dir.resolve("refused").toString());
    assertEquals(Verity.BAD_INPUT, stale.exitCode(), stale.all());
    assertTrue(stale.err().startsWith("verity: experiment.verity was edited after the run"), stale.all());
    assertFalse(Files.exists(dir.resolve("refused")), "nothing ran");
  }

  @Test
  void aSourceWithoutAnExperimentStatementReplaysWithTheManifestsSeed() throws IOException {
    Path file = Files.writeString(dir.resolve("seedless.verity"), """
        task add_test = addition(digits: 1..2, count: 4)
        model policy = gpt(layers: 1, heads: 1, dim: 16, context: 32)
        eval policy on add_test with sample(max_tokens: 4)
        """);
    Cli.Ran first = Cli.verity("run", file.toString(), "--out", dir.resolve("seedless").toString());
    assertEquals(Verity.DONE, first.exitCode(), first.all());
    Path recorded = only(dir.resolve("seedless"));
    assertTrue(recorded.getFileName().toString().startsWith("seedless-"), "named after the file");
    assertEquals(0, RunDirectory.openReadOnly(recorded).manifest().seed());
    Path manifest = recorded.resolve(RunDirectory.MANIFEST);
    Files.writeString(manifest, Files.readString(manifest).replace("\"seed\" : 0,", "\"seed\" : 9,")); // %seed 9

    Cli.Ran replay = Cli.verity("replay", recorded.toString(), "--out", dir.resolve("seedless-replay").toString());
    assertTrue(replay.exitCode() == Verity.DONE || replay.exitCode() == Verity.FAILED, replay.all());
    assertEquals(9, RunDirectory.openReadOnly(only(dir.resolve("seedless-replay"))).manifest().seed());
  }

  @Test
  void aRunTimeFailureIsItsDiagnosticAndEndsTheRunFailed() throws IOException {
    Path file = Files.writeString(dir.resolve("fails.verity"), """
        experiment "fails" seed 1
        model policy = gpt(layers: 1, heads: 1, dim: 16, context: 32)
        load policy from "no/such/checkpoint"
        """);
    Cli.Ran failed = Cli.verity("run", file.toString(), "--out", dir.resolve("failures").toString());
    assertEquals(Verity.FAILED, failed.exitCode(), failed.all());
    String headline = file + ":3:1: error: no checkpoint at " + dir.resolve("no/such/checkpoint");
    assertTrue(failed.err().startsWith(headline), failed.all());
    assertFalse(failed.err().contains("Exception"), failed.all());
    RunDirectory recorded = RunDirectory.openReadOnly(only(dir.resolve("failures")));
    assertEquals(RunStatus.FAILED, recorded.manifest().status());
    assertTrue(recorded.manifest().error().orElseThrow().startsWith(headline), recorded.manifest().toString());
  }

  private static Path only(Path runs) throws IOException {
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs.findFirst().orElseThrow();
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
    return to;
  }

  /** A notebook session's record: cells, a stage the user stopped after 3 steps, and a cell that failed. */
  @Test
  void aRecordedNotebookSessionReplaysCellByCellWithItsStopsAndFailures() throws IOException {
    String session = String.join("\n",
        "# %% cell[1]",
        "experiment \"nb\" seed 2",
        "task add = addition(digits: 1..2)",
        "model policy = gpt(layers: 1, heads: 2, dim: 16, context: 32)",
        "# %% cell[2]",
        "sft warm: policy on add { steps: 50, batch: 4 }",
        dev.verity.dsl.exec.SessionScript.stopNote("warm", 3, 50),
        "# %% cell[3]",
        "load policy from \"nowhere.ckpt\"",
        "# %% cell[4]",
        "sft more: policy on add { steps: 2, batch: 4 }",
        "");
    Path file = Files.writeString(Files.createDirectories(dir.resolve("nb")).resolve("session.verity"), session);
    Cli.Ran first = Cli.verity("run", file.toString(), "--out", dir.resolve("nb-runs").toString());
    assertEquals(Verity.FAILED, first.exitCode(), "run stops at the failing cell: " + first.all());
    assertTrue(first.all().contains("session.verity:9:1: error: no checkpoint at"), first.all());
    RunDirectory recorded = RunDirectory.openReadOnly(only(dir.resolve("nb-runs")));
    assertEquals(3, recorded.records().metrics().size(), "the recorded stop ends warm after 3 steps");

    // a replay goes on past the failing cell, as a notebook session did, and runs the last cell too
    Cli.Ran replay = Cli.verity("replay", recorded.path().toString(), "--out", dir.resolve("nb-replays").toString());
    assertTrue(replay.all().contains("experiment.verity:9:1: error: no checkpoint at"), replay.all());
    RunDirectory replayed = RunDirectory.openReadOnly(only(dir.resolve("nb-replays")));
    assertEquals(3 + 2, replayed.records().metrics().size(), "warm stopped at 3 as recorded, then more ran its 2");
    assertEquals(recorded.records().metrics().get(2).loss(), replayed.records().metrics().get(2).loss(), "same numbers");
  }
}
