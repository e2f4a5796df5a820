package dev.verity.kernel.sweep;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.verity.engine.run.RunStatus;
import java.util.Locale;
import java.util.Optional;

/** Where one run of a sweep stands, as sweep.json says it: waiting, in a Slurm queue, running, or ended. */
public enum RunState {
  /** Not started (or not yet submitted). */
  PENDING,
  /** Submitted to Slurm and waiting in its queue. */
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  /** Stopped (Ctrl-C, a stop, a time limit): its directory continues with {@code verity sweep --resume}. */
  INTERRUPTED;

  /** The exit status of a Verity process stopped at once by a second Ctrl-C (128 + SIGINT). */
  static final int ABORTED = 130;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static RunState of(String label) {
    for (RunState s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown run status '" + label + "' (expected pending, queued, running,"
        + " done, failed or interrupted)");
  }

  public boolean ended() {
    return this == DONE || this == FAILED || this == INTERRUPTED;
  }

  /**
   * How a run ended, from its process's exit status and what its manifest says: 0 with a manifest saying done is
   * done (0 without one left no run to summarise); a run its manifest marks interrupted, or a process stopped at
   * once, was interrupted; anything else failed.
   */
  static RunState ended(int exitCode, Optional<RunStatus> manifest) {
    if (exitCode == 0 && manifest.orElse(null) == RunStatus.DONE) {
      return DONE;
    }
    if (manifest.orElse(null) == RunStatus.INTERRUPTED || exitCode == ABORTED) {
      return INTERRUPTED;
    }
    return FAILED;
  }

  /** Why a run that {@link #ended} failed, by its exit status: 0 is a process that left no finished run. */
  static String failure(int exitCode) {
    return exitCode == 0 ? "its process exited 0 but left no finished run directory (no manifest.json saying done)"
        : "exit status " + exitCode;
  }
}
