package dev.verity.kernel.sweep;

import dev.verity.engine.run.RunFormatException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What to do about a run whose eval.csv or metrics.csv does not read (a row edited or cut by hand, a file from
 * another Verity) when {@code compare} or a sweep's summaries read many runs: the engine's message names the file
 * and the line; the fix depends on where the run lies. A sweep leaves a run without its directory out of its
 * summaries and comparisons, so moving it away is the way on; a run given alone is moved out of what is compared.
 */
public final class DamagedRun {
  private DamagedRun() {}

  /** {@code e}'s message and the fix, for a run read by {@code compare} or {@code sweep}. */
  public static String message(RunFormatException e) {
    Optional<Path> run = e.file().map(f -> f.toAbsolutePath().normalize().getParent()); // the files lie at its top
    if (run.isEmpty()) {
      return e.getMessage() + "; a run's file is damaged: leave that run out, or run it again";
    }
    Optional<Path> sweep = sweepOf(run.get());
    if (sweep.isPresent()) {
      return e.getMessage() + "; this run of the sweep " + sweep.get() + " is damaged: move its directory "
          + run.get() + " out of the sweep (its summaries and comparisons then leave the run out), or restore the"
          + " file from a copy";
    }
    return e.getMessage() + "; the run " + run.get() + " is damaged: leave it out (move it out of the folders"
        + " compared), or run it again";
  }

  /** The sweep {@code run} belongs to: runs lie in {@code SWEEP/runs/<id>/<run directory>}. */
  private static Optional<Path> sweepOf(Path run) {
    Path id = run.getParent();
    Path runs = id == null ? null : id.getParent();
    Path sweep = runs == null ? null : runs.getParent();
    if (sweep == null || !runs.getFileName().toString().equals(Sweep.RUNS) || !Sweep.isSweep(sweep)) {
      return Optional.empty();
    }
    return Optional.of(sweep);
  }
}
