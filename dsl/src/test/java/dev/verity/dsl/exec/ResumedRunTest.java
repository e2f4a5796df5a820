package dev.verity.dsl.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Overrides;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.report.Chart;
import dev.verity.engine.report.Series;
import dev.verity.engine.run.EvalRow;
import dev.verity.engine.run.KeepCheckpoints;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * A run stopped or killed part-way, then resumed into its own directory, ends exactly as the same run done in one
 * go: the same rows in every record file (wall-clock columns aside), the same checkpoints byte for byte, and the
 * same results in the session for the plots and tables after the stop.
 */
class ResumedRunTest {
  /**
   * Two stages with an evaluation between and after them; the second records rollouts, evaluates every 2 and has
   * a doctor with a short window, so it finds something before and after the stops.
   */
  static final String SOURCE = """
      experiment "resume" seed 4
      task add = addition(digits: 1..2)
      task add_test = addition(digits: 1..2, count: 6)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 32)
      reward correct = exact_answer()
      sampling explore = sample(max_tokens: 6, per_prompt: 2)
      sampling greedy = sample(temperature: 0, max_tokens: 6)
      sft warm: policy on add { steps: 10, batch: 8 }
      eval mid: policy on add_test with greedy
      rl tune: policy on add {
        reward: correct
        sampling: explore
        prompts: 2
        steps: 8
        eval: add_test with explore every 2
        doctor: warn(window: 3)
      }
      eval final: policy on add_test with greedy
      plot accuracy, response_len_mean by step for tune
      table rollouts(last: 4)
      """;

  /** Checkpoints every 3 steps, so a stop after step 5 leaves one at 3 and one at 5 (when all are kept). */
  static final int CHECKPOINT_EVERY = 3;

  /**
   * The checkpoints runs keep: all, so the comparisons cover every checkpoint a resume writes again, or (in the
   * tests of pruning) the default, the latest of each stage.
   */
  static KeepCheckpoints keep = KeepCheckpoints.ALL;

  @TempDir static Path dir;
  static Ran straight;

  /** What a run left: its directory and, for the session that ran to the end, its outcome and session. */
  record Ran(RunDirectory run, Outcome outcome, Map<String, StageRecord> stages, EvalReport finalEval) {}

  /** Thrown from a listener to end a run as a killed process would: no stop checkpoint, records cut off. */
  static final class Killed extends RuntimeException {
    Killed() {
      super("killed", null, false, false);
    }
  }

  @BeforeAll
  static void runOnceWithoutStopping() throws IOException {
    straight = run(newRun("straight"), SOURCE, ExecutionListener.NONE);
    assertInstanceOf(Outcome.Done.class, straight.outcome(), () -> straight.outcome().toString());
    assertFalse(straight.run().records().findings().isEmpty(), "the doctor finds something for the comparisons to cover");
  }

  static Recorder newRun(String name) throws IOException {
    RunSettings settings = RunSettings.of(4, TorchRuntime.threads(), "cpu").withCheckpointEvery(CHECKPOINT_EVERY)
        .withKeepCheckpoints(keep);
    return Recorder.start(dir.resolve(name), "resume", Clock.systemDefaultZone(), Optional.of(SOURCE), settings);
  }

  /** Runs {@code source} into {@code run}, a new run. */
  static Ran run(Recorder run, String source, ExecutionListener listener) throws IOException {
    try (Session session = new Session(dir, Optional.of(run))) {
      return execute(session, run, source, listener);
    }
  }

  static Ran resume(Path runDir, String source) throws IOException {
    Recorder reopened = Recorder.resume(runDir, CHECKPOINT_EVERY, keep);
    try (Session session = new Session(dir, Optional.of(reopened))) {
      Ran resumed = execute(session, reopened, source, ExecutionListener.NONE);
      assertFalse(reopened.resuming(), "the session passed the resume point");
      return resumed;
    }
  }

  private static Ran execute(Session session, Recorder run, String source, ExecutionListener listener)
      throws IOException {
    ExecutionListener stopping = new ExecutionListener() {
      @Override
      public void step(StepMetrics metrics) {
        listener.step(metrics);
        if (metrics.stage().equals(stopAt) && metrics.step() + 1 == stopAfter) {
          session.requestStop();
        }
      }
    };
    Outcome outcome = Cells.runScript(session, source, "resume.verity", Overrides.NONE, stopping, false);
    if (outcome instanceof Outcome.Done) {
      run.finish(RunStatus.DONE);
    }
    return new Ran(run.directory(), outcome, Map.copyOf(session.stages()), session.eval("final").orElse(null));
  }

  // the stop a test asks for: set before a run, cleared after
  static String stopAt = "";
  static long stopAfter;

  private static Ran stopped(String name, String stage, long after) throws IOException {
    stopAt = stage;
    stopAfter = after;
    try {
      return run(newRun(name), SOURCE, ExecutionListener.NONE);
    } finally {
      stopAt = "";
    }
  }

  @Test
  void aRunStoppedInItsSecondStageResumesToTheUninterruptedResult() throws IOException {
    Ran stopped = stopped("stopped-in-tune", "tune", 5);
    Outcome.Stopped at = assertInstanceOf(Outcome.Stopped.class, stopped.outcome(), () -> stopped.outcome().toString());
    assertEquals(5, at.interruption().stepsDone());
    assertTrue(Files.exists(stopped.run().checkpointFile("tune", 5)), "the stop wrote a checkpoint");

    Ran resumed = resume(stopped.run().path(), SOURCE);
    assertInstanceOf(Outcome.Done.class, resumed.outcome(), () -> resumed.outcome().toString());
    assertSameRecords(straight.run(), resumed.run());
    assertSameSession(straight, resumed);
    assertEquals(RunStatus.DONE, resumed.run().manifest().status());
    List<Object> outputs = resumed.outcome().outputs();
    assertTrue(outputs.contains("sft warm: policy, 10 steps restored from the run directory; loss "
        + loss(straight, "warm", 0) + " → " + loss(straight, "warm", 9)), outputs.toString());
    assertTrue(outputs.stream().anyMatch(o -> o instanceof String s && s.startsWith("rl tune: policy, 8 steps in ")
        && s.contains(" after resuming at step 5;")), outputs.toString());
  }

  @Test
  void aRunStoppedInItsFirstStageResumesToTheUninterruptedResult() throws IOException {
    Ran stopped = stopped("stopped-in-warm", "warm", 4);
    assertInstanceOf(Outcome.Stopped.class, stopped.outcome(), () -> stopped.outcome().toString());
    assertEquals(List.of("warm"), stopped.run().manifest().stages(), "nothing after warm ran");

    Ran resumed = resume(stopped.run().path(), SOURCE);
    assertInstanceOf(Outcome.Done.class, resumed.outcome(), () -> resumed.outcome().toString());
    assertSameRecords(straight.run(), resumed.run());
    assertSameSession(straight, resumed);
  }

  @Test
  void aKilledRunWithALineOrACheckpointCutMidWriteIsCutBackToItsCheckpointAndResumes() throws IOException {
    Recorder killedRun = newRun("killed-in-tune");
    RunDirectory killed = killedRun.directory();
    Ran ran = run(killedRun, SOURCE, new ExecutionListener() {
      @Override
      public void step(StepMetrics metrics) {
        if (metrics.stage().equals("tune") && metrics.step() == 4) {
          throw new Killed(); // after step 4's rows are written: they and step 3's go, the checkpoint at 3 stays
        }
      }
    });
    assertInstanceOf(Outcome.Failed.class, ran.outcome(), () -> ran.outcome().toString());
    assertEquals(5, killed.records().metrics().stream().filter(m -> m.stage().equals("tune")).count());
    assertTrue(Files.exists(killed.checkpointFile("tune", 3)) && !Files.exists(killed.checkpointFile("tune", 5)));
    // the process died while writing a line
    Files.writeString(killed.path().resolve(RunDirectory.METRICS), "tune,5,0.25,0.5,", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    Files.writeString(killed.path().resolve(RunDirectory.ROLLOUTS), "{\"stage\":\"tune\",\"step\":5,\"pro",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    // or while writing a checkpoint, which leaves the temp file of the atomic write
    Files.write(killed.checkpointsDir().resolve(".tune-step-000006.ckpt4113.tmp"), new byte[] {1, 2, 3});

    Ran resumed = resume(killed.path(), SOURCE);
    assertInstanceOf(Outcome.Done.class, resumed.outcome(), () -> resumed.outcome().toString());
    assertSameRecords(straight.run(), resumed.run());
    assertSameSession(straight, resumed);
  }

  @Test
  void aStopThatARecordedSessionMadeIsKeptWhenItResumes() throws IOException {
    // a notebook session's record: its user stopped warm after 4 of 10 steps, then went on with the next cell
    String session = SOURCE.replace("sft warm: policy on add { steps: 10, batch: 8 }\n",
        "sft warm: policy on add { steps: 10, batch: 8 }\n" + SessionScript.stopNote("warm", 4, 10) + "\n# %%\n");
    Recorder wholeRun = newRun("session-whole");
    RunDirectory whole = wholeRun.directory();
    Ran done = run(wholeRun, session, ExecutionListener.NONE);
    assertInstanceOf(Outcome.Done.class, done.outcome(), () -> done.outcome().toString());
    assertEquals(4, done.stages().get("warm").metrics().size());

    Recorder killedRun = newRun("session-killed");
    RunDirectory killed = killedRun.directory();
    run(killedRun, session, new ExecutionListener() {
      @Override
      public void step(StepMetrics metrics) {
        if (metrics.stage().equals("tune") && metrics.step() == 1) {
          throw new Killed(); // before tune's first checkpoint: it starts over
        }
      }
    });
    Ran resumed = resume(killed.path(), session);
    assertInstanceOf(Outcome.Done.class, resumed.outcome(), () -> resumed.outcome().toString());
    assertEquals(4, resumed.stages().get("warm").metrics().size(), "warm is not trained past the recorded stop");
    assertSameRecords(whole, resumed.run());
    assertSameSession(done, resumed);
  }

  @Test
  void aRunThatKeepsTheLatestCheckpointsEndsWithOnePerStageAndResumesFromAStopToTheSame() throws IOException {
    keep = KeepCheckpoints.LATEST;
    try {
      Ran whole = run(newRun("latest-whole"), SOURCE, ExecutionListener.NONE);
      assertEquals(List.of("tune-step-000008.ckpt", "warm-step-000010.ckpt"), checkpointNames(whole.run()));

      Ran stopped = stopped("latest-stopped", "tune", 5);
      assertEquals(List.of("tune-step-000005.ckpt", "warm-step-000010.ckpt"), checkpointNames(stopped.run()),
          "the stop's checkpoint replaced the one at 3");
      Ran resumed = resume(stopped.run().path(), SOURCE);
      assertInstanceOf(Outcome.Done.class, resumed.outcome(), () -> resumed.outcome().toString());
      assertSameRecords(whole.run(), resumed.run());
      assertSameSession(whole, resumed);
    } finally {
      keep = KeepCheckpoints.ALL;
    }
  }

  @Test
  void aKillBetweenACheckpointAndThePruneLeavesTwoThatTheResumeBringsBackToOne() throws IOException {
    keep = KeepCheckpoints.LATEST;
    try {
      Ran whole = run(newRun("pruned-whole"), SOURCE, ExecutionListener.NONE);
      Recorder killedRun = newRun("pruned-killed");
    RunDirectory killed = killedRun.directory();
      run(killedRun, SOURCE, new ExecutionListener() {
        @Override
        public void step(StepMetrics metrics) {
          if (metrics.stage().equals("tune") && metrics.step() == 6) {
            throw new Killed(); // after the checkpoint at 6, which pruned the one at 3
          }
        }
      });
      assertEquals(List.of("tune-step-000006.ckpt", "warm-step-000010.ckpt"), checkpointNames(killed));
      // as if killed just before each prune: warm's at 9 and tune's at 3 were still there (the run that keeps
      // all wrote them byte for byte as this one did)
      for (String name : List.of("warm-step-000009.ckpt", "tune-step-000003.ckpt")) {
        Files.copy(straight.run().checkpointsDir().resolve(name), killed.checkpointsDir().resolve(name));
      }

      Ran resumed = resume(killed.path(), SOURCE);
      assertInstanceOf(Outcome.Done.class, resumed.outcome(), () -> resumed.outcome().toString());
      assertSameRecords(whole.run(), resumed.run());
      assertEquals(List.of("tune-step-000008.ckpt", "warm-step-000010.ckpt"), checkpointNames(resumed.run()));
    } finally {
      keep = KeepCheckpoints.ALL;
    }
  }

  private static List<String> checkpointNames(RunDirectory run) throws IOException {
    return List.copyOf(checkpoints(run).keySet());
  }

  @Test
  void evaluationsBeforeTheResumePointAreNotRecordedTwice() throws IOException {
    Ran stopped = stopped("stopped-once", "tune", 2);
    Ran resumed = resume(stopped.run().path(), SOURCE);
    List<String> plain = resumed.run().records().eval().stream().filter(e -> e.step() == 0).map(EvalRow::stage).toList();
    assertEquals(List.of("mid", "tune", "final"), plain); // tune's: its periodic evaluation before its first step
    assertEquals(List.of("warm", "mid", "tune", "final"), resumed.run().manifest().stages());
  }

  // ---- comparisons

  private static String loss(Ran ran, String stage, int step) {
    return String.format(java.util.Locale.ROOT, "%.4f", ran.stages().get(stage).metrics().get(step).loss());
  }

  /** A metrics row without its wall-clock columns, which no two runs share. */
  private static StepMetrics untimed(StepMetrics m) {
    return m.with(Metric.TOKENS_PER_S, 0).with(Metric.ELAPSED_S, 0);
  }

  static void assertSameRecords(RunDirectory expected, RunDirectory actual) throws IOException {
    assertEquals(expected.records().metrics().stream().map(ResumedRunTest::untimed).toList(),
        actual.records().metrics().stream().map(ResumedRunTest::untimed).toList(), "metrics.csv");
    assertEquals(expected.records().eval(), actual.records().eval(), "eval.csv");
    assertEquals(expected.records().evalLevels(), actual.records().evalLevels(), "eval_levels.csv");
    assertEquals(expected.records().rollouts(), actual.records().rollouts(), "rollouts.jsonl");
    assertEquals(expected.records().findings(), actual.records().findings(), "doctor.jsonl");
    Map<String, byte[]> want = checkpoints(expected);
    Map<String, byte[]> got = checkpoints(actual);
    assertEquals(want.keySet(), got.keySet(), "checkpoint files");
    want.forEach((name, bytes) -> assertArrayEquals(bytes, got.get(name), name));
    assertEquals(expected.manifest().stages(), actual.manifest().stages(), "the manifest's timeline");
  }

  private static Map<String, byte[]> checkpoints(RunDirectory run) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(run.checkpointsDir())) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  /** The session after the resume holds what the uninterrupted one held, so plots and tables show the same. */
  static void assertSameSession(Ran expected, Ran actual) {
    assertEquals(expected.stages().keySet(), actual.stages().keySet());
    for (String stage : expected.stages().keySet()) {
      StageRecord want = expected.stages().get(stage);
      StageRecord got = actual.stages().get(stage);
      assertEquals(want.metrics().stream().map(ResumedRunTest::untimed).toList(),
          got.metrics().stream().map(ResumedRunTest::untimed).toList(), stage + " metrics");
      assertEquals(want.evals().stream().map(EvalRow::of).toList(), got.evals().stream().map(EvalRow::of).toList(),
          stage + " evaluations");
      assertEquals(want.evals().stream().map(EvalReport::levels).toList(),
          got.evals().stream().map(EvalReport::levels).toList(), stage + " evaluations by level");
      assertEquals(want.rollouts(), got.rollouts(), stage + " rollouts");
    }
    assertEquals(expected.finalEval(), actual.finalEval(), "the eval after the stop");
    Chart wantChart = only(expected.outcome().outputs(), Chart.class);
    Chart gotChart = only(actual.outcome().outputs(), Chart.class);
    assertEquals(wantChart.series().size(), gotChart.series().size());
    for (int i = 0; i < wantChart.series().size(); i++) {
      Series want = wantChart.series().get(i);
      Series got = gotChart.series().get(i);
      assertEquals(want.name(), got.name());
      assertArrayEquals(want.x(), got.x(), want.name());
      assertArrayEquals(want.y(), got.y(), want.name());
    }
    List<String> wantTables = tables(expected);
    assertEquals(3, wantTables.size(), "mid, final, rollouts");
    assertEquals(wantTables, tables(actual));
  }

  private static List<String> tables(Ran ran) {
    return ran.outcome().outputs().stream().filter(o -> o instanceof Table).map(o -> ((Table) o).printAll()).toList();
  }

  private static <T> T only(List<Object> outputs, Class<T> type) {
    List<T> found = outputs.stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), type.getSimpleName() + " outputs: " + outputs);
    return found.get(0);
  }
}
