package dev.verity.engine.run;

import java.io.IOException;

/** An append-only record file of a run that a resume repairs and cuts back to a checkpoint. */
sealed interface RunLog permits CsvLog, EvalLog, JsonLinesLog {
  /** Drops a trailing partial record left by a process killed mid-write. */
  void repair() throws IOException;

  /**
   * Cuts the file just before its first record that {@code keep} does not keep. Records are appended in time
   * order, so what follows was written later still.
   */
  void cut(AppendFiles.Keep keep) throws IOException;
}
