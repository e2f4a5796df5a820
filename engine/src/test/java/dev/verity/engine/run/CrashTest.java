package dev.verity.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StepMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM appends records as fast as it can and is killed with SIGKILL at a random moment.
 * Whatever the moment, the files read back as a prefix of what the child meant to write, every record whole;
 * the run then resumes from its last whole step and is killed again, three times over.
 */
class CrashTest {
  @TempDir Path runs;

  @Test
  void aRunKilledMidWriteReadsBackAsAConsistentPrefixAndResumes() throws Exception {
    RunDirectory run = Samples.started(runs, "crash");
    run.release(); // the child writes it from now on
    Random random = new Random(42);
    int partialLines = 0;
    List<EvalRow> evalsBefore = List.of(); // those a resume kept: one in flight at a kill is lost for good
    long stepsBefore = 0;
    for (int round = 0; round < 3; round++) {
      Process child = startWriter(run.path());
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertNotNull(out.readLine(), "the writer started");
        Thread.sleep(20 + random.nextInt(150));
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
      }
      partialLines += endsMidLine(run.path()) ? 1 : 0;

      // A reader sees whole records only, each exactly as meant, in order.
      RunDirectory view = RunDirectory.openReadOnly(run.path());
      List<StepMetrics> metrics = view.records().metrics();
      long steps = metrics.size();
      assertTrue(steps > 0, "the child wrote some steps before the kill");
      assertEquals(expectedMetrics(steps), metrics);
      List<RolloutRecord> rollouts = view.records().rollouts();
      List<RolloutRecord> meant = expectedRollouts(steps + 1); // the step in flight may have its rollouts
      assertTrue(rollouts.size() <= meant.size(), "no more rollouts than steps begun");
      assertEquals(meant.subList(0, rollouts.size()), rollouts);
      List<EvalRow> evals = view.records().eval();
      List<EvalRow> meantEvals = new ArrayList<>(evalsBefore);
      long resumedAt = stepsBefore; // this round's child wrote the evaluations after it
      expectedEvals(steps).stream().filter(e -> e.step() > resumedAt).forEach(meantEvals::add);
      assertTrue(evals.size() <= meantEvals.size());
      assertEquals(meantEvals.subList(0, evals.size()), evals);

      // Resume: mend the last lines, go back to the last whole step, and the files say exactly that. Only the
      // evaluation after the last step may be missing: it was in flight when the process died.
      RunDirectory resumed = RunDirectory.open(run.path());
      resumed.truncateAfter(CrashWriter.STAGE, steps - 1);
      assertEquals(expectedMetrics(steps), resumed.records().metrics());
      assertEquals(expectedRollouts(steps), resumed.records().rollouts());
      List<EvalRow> kept = resumed.records().eval();
      boolean lastInFlight = !meantEvals.isEmpty() && meantEvals.get(meantEvals.size() - 1).step() == steps;
      assertTrue(kept.size() >= meantEvals.size() - (lastInFlight ? 1 : 0), kept.size() + " evaluations kept");
      assertEquals(meantEvals.subList(0, kept.size()), kept);
      assertEquals(expectedLevels(kept), resumed.records().evalLevels(), "levels of exactly the kept evaluations");
      evalsBefore = kept;
      stepsBefore = steps;
      resumed.release(); // for the next round's child
    }
    System.out.println("CrashTest: " + partialLines + " of 3 kills left a partial line to mend");
  }

  @Test
  void aRunAnotherProcessWritesIsRefusedUntilThatProcessEnds() throws Exception {
    RunDirectory run = Samples.started(runs, "busy");
    run.release(); // the child writes it from now on
    Process child = startWriter(run.path());
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertNotNull(out.readLine(), "the writer started");
      long rows = RunDirectory.openReadOnly(run.path()).records().metrics().size();
      IOException busy = assertThrows(IOException.class, () -> RunDirectory.open(run.path()));
      assertEquals("process " + child.pid() + " is still writing it: wait for that run to end, or stop it (Ctrl-C,"
          + " or kill it), then resume", busy.getMessage());
      assertTrue(RunDirectory.openReadOnly(run.path()).records().metrics().size() >= rows, "nothing was cut or mended");
      child.destroyForcibly();
      assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    }
    RunDirectory.open(run.path()).release(); // the lock went with its process: a killed run resumes at once
  }

  private static Process startWriter(Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static boolean endsMidLine(Path dir) throws Exception {
    for (String name : List.of("metrics.csv", "eval.csv", "eval_levels.csv", "rollouts.jsonl")) {
      byte[] bytes = Files.readAllBytes(dir.resolve(name));
      if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
        return true;
      }
    }
    return false;
  }

  private static List<StepMetrics> expectedMetrics(long steps) {
    List<StepMetrics> out = new ArrayList<>();
    for (long s = 0; s < steps; s++) {
      out.add(Samples.metrics(CrashWriter.STAGE, s));
    }
    return out;
  }

  private static List<RolloutRecord> expectedRollouts(long steps) {
    List<RolloutRecord> out = new ArrayList<>();
    for (long s = 0; s < steps; s++) {
      out.addAll(Samples.rollouts(CrashWriter.STAGE, s, CrashWriter.ROLLOUTS_PER_STEP, CrashWriter.RESPONSE_CHARS));
    }
    return out;
  }

  private static List<EvalLevelRow> expectedLevels(List<EvalRow> evaluations) {
    List<EvalLevelRow> out = new ArrayList<>();
    for (EvalRow e : evaluations) {
      out.addAll(EvalLevelRow.of(Samples.eval(CrashWriter.STAGE, e.step())));
    }
    return out;
  }

  /** The evaluations after steps 2, 5, 8…, labelled with the steps done, up to those after {@code steps} steps. */
  private static List<EvalRow> expectedEvals(long steps) {
    List<EvalRow> out = new ArrayList<>();
    for (long s = 2; s < steps; s += 3) {
      EvalReport report = Samples.eval(CrashWriter.STAGE, s + 1);
      out.add(EvalRow.of(report));
    }
    return out;
  }
}
