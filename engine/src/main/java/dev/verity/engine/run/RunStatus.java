package dev.verity.engine.run;

import java.util.Locale;

/** Where a run stands, as written in manifest.json. */
public enum RunStatus {
  RUNNING,
  DONE,
  FAILED,
  INTERRUPTED;

  /** The name in manifest.json: {@code running}, {@code done}, {@code failed} or {@code interrupted}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the run has ended (every status but running). */
  public boolean ended() {
    return this != RUNNING;
  }

  /**
   * Whether a run may go from this status to {@code next}: a running run ends once; an ended run may be resumed,
   * except one that is done, which has nothing left to run.
   */
  public boolean canBecome(RunStatus next) {
    return this == RUNNING ? next.ended() : next == RUNNING && this != DONE;
  }

  /** The status named {@code label}, or an error listing the names it may be. */
  public static RunStatus of(String label) {
    for (RunStatus s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown run status '" + label + "' (expected running, done, failed or interrupted)");
  }
}
