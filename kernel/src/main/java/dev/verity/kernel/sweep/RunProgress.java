package dev.verity.kernel.sweep;

import dev.verity.engine.run.EvalRow;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How far one run of a sweep has come, read from its run directory as it grows: the stage it is in, the steps done
 * there, the last step's accuracy (rl stages) and the last evaluation's accuracy.
 *
 * @param stage empty before its first step
 * @param steps the steps done in {@code stage}
 * @param accuracy NaN where the stage has none (sft)
 * @param evalAccuracy the latest evaluation's, NaN before the first
 */
public record RunProgress(
    String id, String variant, Long seed, RunState status, String stage, long steps, double accuracy,
    double evalAccuracy, String message) {

  /** {@code run}'s progress as its directory shows it now; a directory being written reads up to its last line. */
  static RunProgress of(Sweep sweep, RunEntry run) {
    Optional<Path> dir = sweep.runDir(run.id());
    String stage = "";
    long steps = 0;
    double accuracy = Double.NaN;
    double eval = Double.NaN;
    if (dir.isPresent()) {
      try {
        RunDirectory runDir = RunDirectory.openReadOnly(dir.get());
        List<StepMetrics> metrics = runDir.records().metrics();
        if (!metrics.isEmpty()) {
          StepMetrics last = metrics.get(metrics.size() - 1);
          stage = last.stage();
          steps = last.step() + 1;
          accuracy = last.accuracy();
        }
        List<EvalRow> evals = runDir.records().eval();
        if (!evals.isEmpty()) {
          eval = evals.get(evals.size() - 1).accuracy();
        }
      } catch (IOException | RuntimeException e) {
        // a directory mid-write that does not read yet: shown without figures until it does
      }
    }
    if (run.status() == RunState.RUNNING && run.slurmJob() == null && !run.processAlive()) {
      // its sweep was killed without a word and the run with it: sweep.json still says running
      return new RunProgress(run.id(), run.variant(), run.seed(), RunState.INTERRUPTED, stage, steps, accuracy,
          eval, "its process has ended without a status: verity sweep --resume continues it");
    }
    return new RunProgress(run.id(), run.variant(), run.seed(), run.status(), stage, steps, accuracy, eval,
        run.message());
  }
}
