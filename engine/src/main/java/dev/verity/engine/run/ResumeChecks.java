package dev.verity.engine.run;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Whether a stage's records reach the checkpoint it resumes from, as a Verity process killed at any instant leaves
 * them: rows are written before the checkpoint after them. A metrics.csv with fewer rows was cut after the run,
 * and resuming would leave a hole in the records, so the resume is refused naming the file. (A checkpoint deleted
 * after the run is not refused: the stage continues from the one before it, or from its start, and computes the
 * same steps again.)
 */
final class ResumeChecks {
  private ResumeChecks() {}

  /** Refuses when {@code stage} recorded fewer rows than {@code step}, where {@code checkpoint} resumes it. */
  static void requireRowsUpTo(RunDirectory run, String stage, Path checkpoint, long step) throws IOException {
    long rows = run.records().metrics().stream().filter(m -> m.stage().equals(stage)).count();
    if (rows < step) {
      throw new IOException(run.path().resolve(RunDirectory.METRICS) + " holds " + rows + " steps of stage " + stage
          + " but its checkpoint " + checkpoint + " resumes at step " + step + ": the file was cut after the run"
          + " (a partial copy?), and resuming would leave a hole in its records; replay the run into a new"
          + " directory with `verity replay " + run.path() + "`");
    }
  }
}
