package dev.verity.engine.run;

import java.nio.file.Path;

/**
 * The process {@link CrashTest} kills: continues the run in {@code args[0]} from its last metrics row, appending
 * each step's rollouts, metrics row and, every third step, an evaluation, as fast as it can, until killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  static final String STAGE = "rl, \"crash\"";
  static final int ROLLOUTS_PER_STEP = 24;
  static final int RESPONSE_CHARS = 2000; // large writes, so a kill sometimes lands inside one

  public static void main(String[] args) throws Exception {
    RunDirectory run = RunDirectory.open(Path.of(args[0]));
    for (long step = run.records().metrics().size(); ; step++) {
      run.appendRollouts(Samples.rollouts(STAGE, step, ROLLOUTS_PER_STEP, RESPONSE_CHARS));
      run.appendMetrics(Samples.metrics(STAGE, step));
      if (step % 3 == 2) {
        run.appendEval(Samples.eval(STAGE, step + 1));
      }
      if (step % 50 == 0) {
        System.out.println("at " + step); // the parent waits for a line before it picks a moment to kill
        System.out.flush();
      }
    }
  }
}
