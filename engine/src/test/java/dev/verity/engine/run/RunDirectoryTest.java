package dev.verity.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.checkpoint.AtomicFiles;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a run's directory and files go and what they are called. */
class RunDirectoryTest {
  @TempDir Path runs;

  @Test
  void theNameIsTheExperimentAndTheClocksLocalTimeWithEveryFileInPlace() throws Exception {
    Clock tokyo = Clock.fixed(Instant.parse("2025-03-14T23:59:58Z"), ZoneId.of("Asia/Tokyo"));
    RunDirectory run = RunDirectory.create(runs.resolve("nested/runs"), "long-cot-addition", tokyo);
    assertEquals(runs.resolve("nested/runs/long-cot-addition-20250315-085958"), run.path());
    for (String name : List.of("metrics.csv", "eval.csv", "eval_levels.csv", "rollouts.jsonl", "doctor.jsonl")) {
      assertTrue(Files.isRegularFile(run.path().resolve(name)), name);
    }
    assertTrue(Files.isDirectory(run.chartsDir()));
    assertEquals(run.path().resolve("charts"), run.chartsDir());
    assertEquals(run.path().resolve("checkpoints"), run.checkpointsDir());
    assertEquals(List.of(), run.records().metrics());
    assertEquals(List.of(), run.records().rollouts());
  }

  @Test
  void recordedColumnsAreTheHeaderAsWrittenAndNoneForAMissingFile() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "columns", Samples.CLOCK);
    List<String> metrics = run.records().columns(RunDirectory.METRICS);
    assertEquals(List.of("stage", "step"), metrics.subList(0, 2));
    assertTrue(metrics.contains("loss") && metrics.contains("elapsed_s"), metrics.toString());
    Files.writeString(run.path().resolve("old.csv"), "stage,step,loss\nsft#1,0,2.5\n");
    assertEquals(List.of("stage", "step", "loss"), run.records().columns("old.csv"));
    Files.writeString(run.path().resolve("empty.csv"), "");
    assertEquals(List.of(), run.records().columns("empty.csv"));
    assertEquals(List.of(), run.records().columns("absent.csv"));
  }

  @Test
  void takenNamesGetANumber() throws Exception {
    List<Path> made = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      made.add(RunDirectory.create(runs, "same", Samples.CLOCK).path().getFileName());
    }
    assertEquals(List.of("same-20250314-092653", "same-20250314-092653-2", "same-20250314-092653-3",
        "same-20250314-092653-4"), made.stream().map(Path::toString).toList());
  }

  @Test
  void experimentNamesAreMadeSafeForFileNames() {
    assertEquals("long-cot-addition", RunDirectory.fileName("long-cot-addition"));
    assertEquals("my-run-v2.1", RunDirectory.fileName("my run / v2.1"));
    assertEquals("etc-passwd", RunDirectory.fileName("../../etc/passwd"));
    assertEquals("caf-na-ve", RunDirectory.fileName("café naïve"));
    assertEquals("run", RunDirectory.fileName("..."));
    assertEquals("run", RunDirectory.fileName(""));
    assertEquals(64, RunDirectory.fileName("x".repeat(300)).length());
  }

  @Test
  void theLatestCheckpointIsTheHighestStepOfThatStage() throws Exception {
    RunDirectory run = Samples.started(runs, "ckpt");
    assertEquals(Optional.empty(), run.latestCheckpoint("rl"));
    assertEquals(run.checkpointsDir().resolve("rl-policy-on-add-step-000120.ckpt"),
        run.checkpointFile("rl policy on add", 120));
    for (long step : new long[] {25, 100, 1_000_000, 75}) {
      AtomicFiles.writeString(run.checkpointFile("rl", step), "weights at " + step);
    }
    AtomicFiles.writeString(run.checkpointFile("sft", 5_000_000), "another stage");
    Files.writeString(run.checkpointsDir().resolve(".rl-step-009999999.ckpt123.tmp"), "a temp file left by a kill");
    Files.writeString(run.checkpointsDir().resolve("rl-step-latest.ckpt"), "not a step");
    assertEquals(Optional.of(run.checkpointsDir().resolve("rl-step-1000000.ckpt")), run.latestCheckpoint("rl"));
    assertEquals(Optional.of(run.checkpointFile("sft", 5_000_000)), run.latestCheckpoint("sft"));
  }

  @Test
  void pruningKeepsTheNewCheckpointAndTheLatestOthersOfItsStageOnly() throws Exception {
    RunDirectory run = Samples.started(runs, "prune");
    for (long step : new long[] {2, 4, 6}) {
      AtomicFiles.writeString(run.checkpointFile("rl", step), "weights at " + step);
    }
    AtomicFiles.writeString(run.checkpointFile("sft", 4), "another stage");
    AtomicFiles.writeString(run.checkpointFile("rl", 8), "the new one");
    Files.writeString(run.checkpointsDir().resolve(".rl-step-000010.ckpt123.tmp"), "a temp file: not a checkpoint");

    run.pruneCheckpoints("rl", KeepCheckpoints.ALL, run.checkpointFile("rl", 8));
    assertEquals(List.of("rl-step-000002.ckpt", "rl-step-000004.ckpt", "rl-step-000006.ckpt", "rl-step-000008.ckpt",
        "sft-step-000004.ckpt"), checkpointNames(run), "all: nothing goes");
    run.pruneCheckpoints("rl", new KeepCheckpoints(2), run.checkpointFile("rl", 8));
    assertEquals(List.of("rl-step-000006.ckpt", "rl-step-000008.ckpt", "sft-step-000004.ckpt"), checkpointNames(run));
    run.pruneCheckpoints("rl", KeepCheckpoints.LATEST, run.checkpointFile("rl", 8));
    assertEquals(List.of("rl-step-000008.ckpt", "sft-step-000004.ckpt"), checkpointNames(run), "other stages stay");
    assertTrue(Files.exists(run.checkpointsDir().resolve(".rl-step-000010.ckpt123.tmp")), "a resume removes those");
  }

  private static List<String> checkpointNames(RunDirectory run) throws Exception {
    try (java.util.stream.Stream<Path> files = Files.list(run.checkpointsDir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  @Test
  void theRecordingListenerWritesStepsAndEvaluationsThenPassesThemOn() throws Exception {
    RunDirectory run = Samples.started(runs, "listen");
    List<Object> seen = new ArrayList<>();
    StageListener downstream = new StageListener() {
      @Override
      public void onStep(StepMetrics m) {
        seen.add(m);
      }

      @Override
      public void onEval(EvalReport r) {
        seen.add(r);
      }

      @Override
      public boolean stopRequested() {
        return true;
      }
    };
    StageListener recording = run.recording(downstream);
    StepMetrics step = Samples.metrics("sft", 0);
    EvalReport eval = Samples.eval("sft", 1);
    recording.onStep(step);
    recording.onEval(eval);
    assertEquals(List.of(step, eval), seen);
    assertEquals(List.of(step), run.records().metrics());
    assertEquals(List.of(EvalRow.of(eval)), run.records().eval());
    assertTrue(recording.stopRequested());
  }
}
