package dev.verity.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.doctor.Finding;
import dev.verity.engine.train.StepMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a run to continue it: partial lines a crash left, cutting back to a checkpoint, files that are wrong. */
class ResumeTest {
  @TempDir Path runs;

  private static void appendRaw(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private static List<StepMetrics> steps(String stage, long from, long to) {
    return LongStream.range(from, to).mapToObj(i -> Samples.metrics(stage, i)).toList();
  }

  @Test
  void openDropsTrailingPartialLinesAndAppendsCleanlyAfterThem() throws Exception {
    RunDirectory run = Samples.started(runs, "partial");
    for (StepMetrics m : steps("rl", 0, 3)) {
      run.appendMetrics(m);
    }
    run.appendEval(Samples.eval("rl", 3));
    List<RolloutRecord> batch = Samples.rollouts("rl", 0, 4, 40);
    run.appendRollouts(batch);
    // A process killed mid-write: half a row, half a quoted stage spanning a line break, half a JSON line.
    appendRaw(run.path().resolve("metrics.csv"), "rl,3,0.25,0.5");
    appendRaw(run.path().resolve("eval.csv"), "\"rl\nnext\",4,add,0.");
    appendRaw(run.path().resolve("eval_levels.csv"), "rl,3,add,");
    appendRaw(run.path().resolve("rollouts.jsonl"), "{\"stage\":\"rl\",\"step\":1,\"prompt\":\"12+");

    RunDirectory watcher = RunDirectory.openReadOnly(run.path());
    assertEquals(steps("rl", 0, 3), watcher.records().metrics(), "readers skip a line still being written");
    assertEquals(batch, watcher.records().rollouts());
    assertTrue(Files.readString(run.path().resolve("metrics.csv")).endsWith("0.25,0.5"), "read-only changes nothing");

    RunDirectory resumed = RunDirectory.open(run.path());
    for (String name : List.of("metrics.csv", "eval.csv", "eval_levels.csv", "rollouts.jsonl")) {
      assertTrue(Files.readString(run.path().resolve(name)).endsWith("\n"), name + " ends with a whole line");
    }
    resumed.appendMetrics(Samples.metrics("rl", 3));
    List<RolloutRecord> next = Samples.rollouts("rl", 1, 4, 40);
    resumed.appendRollouts(next);
    assertEquals(steps("rl", 0, 4), resumed.records().metrics());
    assertEquals(1, resumed.records().eval().size());
    assertEquals(2, resumed.records().evalLevels().size());
    List<RolloutRecord> all = new ArrayList<>(batch);
    all.addAll(next);
    assertEquals(all, resumed.records().rollouts());
  }

  @Test
  void openDropsTheLevelsOfAnEvaluationKilledBeforeItsOverallRow() throws Exception {
    RunDirectory run = Samples.started(runs, "levels");
    run.appendEval(Samples.eval("rl", 3));
    Path levels = run.path().resolve("eval_levels.csv");
    String finished = Files.readString(levels);
    // the next evaluation's first level
    appendRaw(levels, "rl,6,\"add, \"\"test\"\"\",2,32,1.0,1.0,0.0,1.0,1.0,1.0,,1.0,,,,\n");
    assertEquals(3, RunDirectory.openReadOnly(run.path()).records().evalLevels().size());

    RunDirectory resumed = RunDirectory.open(run.path());
    assertEquals(finished, Files.readString(levels));
    assertEquals(EvalLevelRow.of(Samples.eval("rl", 3)), resumed.records().evalLevels());
    assertEquals(List.of(EvalRow.of(Samples.eval("rl", 3))), resumed.records().eval());
  }

  @Test
  void truncateAfterGoesBackToTheCheckpointOfAStage() throws Exception {
    RunDirectory run = Samples.started(runs, "cut");
    // sft ran 10 steps with an evaluation after step 4 (labelled 5, the steps done) and after the last (10);
    // a plain evaluation followed; rl then ran 7 steps, evaluated at 4 and 5, and the run was killed. Its last
    // checkpoint resumes at step 4.
    for (StepMetrics m : steps("sft", 0, 10)) {
      run.appendMetrics(m);
      if (m.step() == 4 || m.step() == 9) {
        run.appendEval(Samples.eval("sft", m.step() + 1));
      }
    }
    run.appendEval(Samples.eval("eval add_test", 0)); // a plain eval statement between the stages
    for (StepMetrics m : steps("rl", 0, 7)) {
      run.appendMetrics(m);
      run.appendRollouts(Samples.rollouts("rl", m.step(), 3, 10));
      if (m.step() == 3 || m.step() == 4) {
        run.appendEval(Samples.eval("rl", m.step() + 1));
      }
      if (m.step() == 1 || m.step() == 3 || m.step() == 5) { // the doctor's findings, at the steps they follow
        run.appendFinding(new Finding("rl", m.step(), "rule_" + m.step(), "why", "what to do"));
      }
    }
    appendRaw(run.path().resolve("doctor.jsonl"), "{\"stage\":\"rl\",\"step\":6,\"rule\":\"tru");

    RunDirectory resumed = RunDirectory.open(run.path());
    resumed.truncateAfter("rl", 3); // steps 0..3 done; the checkpoint resumes at 4
    List<StepMetrics> expected = new ArrayList<>(steps("sft", 0, 10));
    expected.addAll(steps("rl", 0, 4));
    assertEquals(expected, resumed.records().metrics());
    assertEquals(List.of("sft/5", "sft/10", "eval add_test/0", "rl/4"), evals(resumed),
        "the evaluation after step 3 (labelled 4) belongs to the checkpoint; the one at 5 goes");
    assertEquals(8, resumed.records().evalLevels().size());
    assertEquals(List.of(0L, 1L, 2L, 3L),
        resumed.records().rollouts().stream().map(RolloutRecord::step).distinct().toList());
    assertEquals(12, resumed.records().rollouts().size());
    assertEquals(List.of("rule_1", "rule_3"), resumed.records().findings().stream().map(Finding::rule).toList(),
        "doctor.jsonl is cut like rollouts.jsonl: a partial line and the finding after the checkpoint go");

    resumed.truncateAfter("sft", 9); // as if rl had not checkpointed yet: all after sft's end runs again
    assertEquals(steps("sft", 0, 10), resumed.records().metrics());
    assertEquals(List.of("sft/5", "sft/10"), evals(resumed), "the plain evaluation ran after sft, so it goes");
    assertEquals(List.of(), resumed.records().rollouts(), "rollouts.jsonl held only rl's records; they go too");
    assertEquals(List.of(), resumed.records().findings());
    assertEquals(List.of("sft"), resumed.manifest().stages());

    resumed.truncateAfter("sft", 9);
    assertEquals(steps("sft", 0, 10), resumed.records().metrics(), "cutting again changes nothing");
  }

  private static List<String> evals(RunDirectory run) throws Exception {
    return run.records().eval().stream().map(e -> e.stage() + "/" + e.step()).toList();
  }

  @Test
  void truncateBeforeAStagesFirstStepDropsTheStage() throws Exception {
    RunDirectory run = Samples.started(runs, "restart");
    for (StepMetrics m : steps("sft", 0, 3)) {
      run.appendMetrics(m);
    }
    for (StepMetrics m : steps("rl", 0, 3)) {
      run.appendMetrics(m);
    }
    run.truncateAfter("rl", -1); // resume rl from its first step
    assertEquals(steps("sft", 0, 3), run.records().metrics());
    run.truncateAfter("unknown", 5);
    assertEquals(steps("sft", 0, 3), run.records().metrics(), "a stage that never ran leaves the files alone");
  }

  @Test
  void aMalformedRowIsAnErrorNamingFileLineAndColumn() throws Exception {
    RunDirectory run = Samples.started(runs, "bad");
    run.appendMetrics(Samples.metrics("sft", 0));
    Path metrics = run.path().resolve("metrics.csv");
    appendRaw(metrics, "sft,1,0.5,abc,,,,,,,,,,,,,,\n");
    RunFormatException e = assertThrows(RunFormatException.class, run.records()::metrics);
    assertEquals(metrics + ":3: column 'accuracy' is 'abc', expected a number or empty", e.getMessage());

    Files.writeString(metrics, String.join(",", StepMetrics.COLUMNS) + "\n\"sft,1,,,\n\",2\n");
    e = assertThrows(RunFormatException.class, run.records()::metrics);
    assertTrue(e.getMessage().startsWith(metrics + ":2: expected " + StepMetrics.COLUMNS.size() + " fields (stage,step,"), e.getMessage());

    Files.writeString(metrics, String.join(",", StepMetrics.COLUMNS) + "\nsf\"t,1\n");
    e = assertThrows(RunFormatException.class, run.records()::metrics);
    assertEquals(metrics + ":2: a quote inside an unquoted field; quote the field and double it", e.getMessage());

    Files.writeString(metrics, "step,loss\n1,0.5\n");
    e = assertThrows(RunFormatException.class, () -> RunDirectory.open(run.path()));
    assertTrue(e.getMessage().startsWith(metrics + ":1: the header is 'step,loss' but this Verity writes 'stage,"),
        e.getMessage());

    Files.writeString(run.path().resolve("metrics.csv"), String.join(",", StepMetrics.COLUMNS) + "\n");
    Files.writeString(run.path().resolve("rollouts.jsonl"), "{\"stage\":\"rl\",\"step\":\"x\"}\n");
    e = assertThrows(RunFormatException.class, run.records()::rollouts);
    assertTrue(e.getMessage().startsWith(run.path().resolve("rollouts.jsonl") + ":1: not a rollout record: "),
        e.getMessage());
  }

  @Test
  void readOnlyRunsRefuseToWrite() throws Exception {
    RunDirectory run = Samples.started(runs, "ro");
    RunDirectory ro = RunDirectory.openReadOnly(run.path());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ro.appendMetrics(Samples.metrics("x", 0)));
    assertTrue(e.getMessage().endsWith("was opened read-only; use RunDirectory.open to continue the run"));
    RunFormatException missing =
        assertThrows(RunFormatException.class, () -> RunDirectory.open(runs.resolve("no-such-run")));
    assertEquals(runs.resolve("no-such-run") + ": no such run directory", missing.getMessage());
  }
}
