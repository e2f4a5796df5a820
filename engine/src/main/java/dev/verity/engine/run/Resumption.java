package dev.verity.engine.run;

import ai.djl.Device;
import dev.verity.engine.checkpoint.Checkpoint;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.model.Policy;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a session reruns a run directory's source into that directory to continue where it stopped. Statements up
 * to the first training stage that did not finish (the resume point) take their results from the directory and
 * record nothing again; that stage continues from its latest checkpoint, after the records written past the
 * checkpoint are cut; from there on everything runs and records as usual. A session that does not resume is
 * past the resume point from the start. Owned by the {@link Recorder} of the run.
 */
final class Resumption {
  private final Optional<RunDirectory> run;
  /** The plain evaluations eval.csv holds, by (name, task), with how many times each was recorded. */
  private final Map<List<String>, Integer> recordedEvals;
  private final Set<String> stagesSeen = new HashSet<>();
  private boolean live;
  /** The checkpoint a stop wrote off the schedule that the resumed stage continues from, until it is passed. */
  private Optional<Path> offSchedule = Optional.empty();

  private Resumption(Optional<RunDirectory> run, Map<List<String>, Integer> recordedEvals, boolean live) {
    this.run = run;
    this.recordedEvals = recordedEvals;
    this.live = live;
  }

  /** A session that records everything it runs. */
  static Resumption none() {
    return new Resumption(Optional.empty(), Map.of(), true);
  }

  /**
   * Continues {@code run}, opened with {@link RunDirectory#open}, which mended a partial last line and removed the
   * temp file of a write that was killed.
   */
  static Resumption of(RunDirectory run) throws IOException {
    Map<List<String>, Integer> evals = new HashMap<>();
    for (EvalRow row : run.records().eval()) {
      if (row.step() == 0) { // a stage evaluates after its steps (step >= 1); step 0 is an eval statement
        evals.merge(List.of(row.stage(), row.task()), 1, Integer::sum);
      }
    }
    return new Resumption(Optional.of(run), evals, false);
  }

  /** Whether the session has passed the resume point, so everything runs and records as usual. */
  boolean live() {
    return live;
  }

  /**
   * The checkpoint training stage {@code stage} continues from, loaded on {@code device}; empty: it starts at
   * step 0. Before the resume point, a stage whose checkpoint at {@code end} exists (its last step, or where a
   * recorded session stopped it) is done: it continues at its end and runs nothing. The first stage without one
   * is the resume point: the directory is cut back to its latest checkpoint (or to before its first step) and
   * the session goes live. The caller closes the loaded policies.
   *
   * @param every the stage's checkpoint schedule: a checkpoint off it was written by a stop, which a run that
   *     never stopped does not have, so it goes once the stage writes its next one (see {@link #checkpointed})
   */
  Optional<Checkpoint.Loaded> continueFrom(String stage, long end, int every, Device device) throws IOException {
    if (live) {
      return Optional.empty();
    }
    RunDirectory dir = run.orElseThrow();
    if (!stagesSeen.add(stage)) {
      throw new IllegalStateException("stage " + stage + " runs a second time in this source; its records and"
          + " checkpoints cannot tell the two runs apart, so the run cannot resume: rerun the file with `verity"
          + " run` instead");
    }
    Path finished = dir.checkpointFile(stage, end);
    if (Files.isRegularFile(finished)) {
      ResumeChecks.requireRowsUpTo(dir, stage, finished, end);
      return Optional.of(load(finished, device));
    }
    Optional<Path> latest = dir.latestCheckpoint(stage);
    Optional<Checkpoint.Loaded> loaded =
        latest.isPresent() ? Optional.of(load(latest.get(), device)) : Optional.empty();
    long step = loaded.map(l -> l.meta().step()).orElse(0L);
    if (latest.isPresent()) {
      try {
        ResumeChecks.requireRowsUpTo(dir, stage, latest.get(), step);
      } catch (IOException damaged) {
        close(loaded.get());
        throw damaged;
      }
    }
    if (step > end) {
      close(loaded.get());
      throw new IllegalStateException("the run directory holds " + latest.get().getFileName() + ", past the end of"
          + " stage " + stage + " at step " + end + ": it was written by another source, so the run cannot resume");
    }
    live = true;
    dir.truncateAfter(stage, step - 1);
    if (loaded.isPresent() && (every == 0 || step % every != 0)) {
      offSchedule = latest;
    }
    return loaded;
  }

  /** The resumed stage wrote a checkpoint past the one it continued from: a stop's checkpoint goes now. */
  void checkpointed() throws IOException {
    if (offSchedule.isPresent()) {
      Files.deleteIfExists(offSchedule.get());
      offSchedule = Optional.empty();
    }
  }

  /**
   * Whether an {@code eval} statement's result goes into the directory: always once live; before the resume
   * point only when the directory does not hold it yet (the run stopped while it evaluated).
   */
  boolean shouldRecord(EvalReport report) {
    if (live) {
      return true;
    }
    List<String> key = List.of(report.stage(), report.task());
    int recorded = recordedEvals.getOrDefault(key, 0);
    if (recorded > 0) {
      recordedEvals.put(key, recorded - 1);
      return false;
    }
    return true;
  }

  private static Checkpoint.Loaded load(Path file, Device device) throws IOException {
    try {
      return Checkpoint.load(file, device);
    } catch (EOFException e) { // Verity writes checkpoints whole (temp file, rename): this one was cut later
      throw new IOException("cannot read the checkpoint " + file + " to resume from: it ends early (the file was"
          + " cut after the run, a partial copy?); replay the run into a new directory instead", e);
    } catch (IOException | IllegalArgumentException e) { // a header of garbage reads as absurd sizes
      throw new IOException("cannot read the checkpoint " + file + " to resume from: " + e.getMessage(), e);
    }
  }

  static void close(Checkpoint.Loaded loaded) {
    loaded.policy().close();
    loaded.reference().ifPresent(Policy::close);
  }
}
