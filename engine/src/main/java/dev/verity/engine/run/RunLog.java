package dev.verity.engine.run;

import java.io.IOException;

/** An append-only record file of a run that a resume repairs and cuts back to a checkpoint. */
sealed interface RunLog permits CsvLog, RolloutLog {
  /** Drops a trailing partial record left by a process killed mid-write. */
  void repair() throws IOException;

  /** Drops every record after {@code stage}'s last record of a step at most {@code lastStep}. */
  void truncateAfter(String stage, long lastStep) throws IOException;
}
