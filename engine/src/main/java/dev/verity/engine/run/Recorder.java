package dev.verity.engine.run;

import ai.djl.Device;
import dev.verity.engine.checkpoint.Checkpoint;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.rl.ScoredRollout;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The one owner of a run directory that a session records into: it starts the run (source and manifest) or
 * continues a stopped one, records every step, evaluation and rollout, writes and prunes checkpoints on the run's
 * schedule, saves charts, and ends the run. The command line, the kernel and the DSL's session call it; none of
 * them knows a file name inside the directory. Reading a run back goes through {@link #directory()}.
 */
public final class Recorder {
  private final RunDirectory dir;
  private final RunDirectory readOnly; // what callers get: they read the run back, they never write it
  private final int checkpointEvery;
  private final KeepCheckpoints keep;
  private final Resumption resumption;
  private int charts; // numbered charts written so far

  private Recorder(RunDirectory dir, int checkpointEvery, KeepCheckpoints keep, Resumption resumption)
      throws IOException {
    this.dir = dir;
    this.readOnly = RunDirectory.openReadOnly(dir.path());
    this.checkpointEvery = checkpointEvery;
    this.keep = keep;
    this.resumption = resumption;
  }

  /**
   * A new run in {@code runsRoot}, named after {@code experiment} and the clock: the whole {@code source} of a
   * headless run (or nothing yet, for a notebook session that appends its cells) and a running manifest.
   */
  public static Recorder start(Path runsRoot, String experiment, Clock clock, Optional<String> source,
      RunSettings settings) throws IOException {
    RunDirectory dir = RunDirectory.create(runsRoot, experiment, clock);
    try {
      if (source.isPresent()) {
        dir.writeSource(source.get());
      }
      dir.start(settings, Manifest.Versions.current());
    } catch (IOException | RuntimeException e) {
      dir.abandon(e); // a full disk, say: no directory is left that has no manifest
      throw e;
    }
    return new Recorder(dir, settings.checkpointEvery(), settings.keepCheckpoints(), Resumption.none());
  }

  /**
   * Continues the run in {@code existing}, which stopped (killed, interrupted or failed): mends what a kill left
   * half-written, marks it running again, and reruns its source into it from each stage's latest checkpoint.
   *
   * @param keep how many checkpoints to keep from now on (recorded in the manifest)
   */
  public static Recorder resume(Path existing, int checkpointEvery, KeepCheckpoints keep) throws IOException {
    RunDirectory dir = RunDirectory.open(existing); // refused while another process writes it
    try {
      dir.resume();
      dir.updateManifest(m -> m.withKeepCheckpoints(keep));
    } catch (IOException | RuntimeException e) {
      dir.release();
      throw e;
    }
    return new Recorder(dir, checkpointEvery, keep, Resumption.of(dir));
  }

  /** The run directory, read-only: to read the run back or to name it in messages. */
  public RunDirectory directory() {
    return readOnly;
  }

  public Path path() {
    return dir.path();
  }

  /** Whether this session continues a recorded run (statements before the resume point take its records). */
  public boolean resuming() {
    return !resumption.live();
  }

  // ---- the source a notebook session ran

  /** Adds an executed notebook cell (or a note such as a stop) to experiment.verity. */
  public void appendSource(String cell) throws IOException {
    dir.appendSource(cell);
  }

  // ---- stages

  /** {@code context} with this run's checkpoints: written every {@link RunSettings#checkpointEvery()} steps. */
  public StageContext checkpointing(StageContext context) {
    return context.withCheckpoints(dir.checkpointsDir(), checkpointEvery);
  }

  /**
   * The checkpoint stage {@code stage} continues from when this session resumes a run, loaded on {@code device};
   * empty: it starts at step 0. See {@link Resumption#continueFrom}. The caller closes the loaded policies.
   */
  public Optional<Checkpoint.Loaded> continueFrom(String stage, long end, Device device) throws IOException {
    return resumption.continueFrom(stage, end, checkpointEvery, device);
  }

  /** Closes what {@link #continueFrom} loaded, once its weights are copied. */
  public static void close(Checkpoint.Loaded loaded) {
    Resumption.close(loaded);
  }

  /**
   * A stage restored whole from its checkpoint at {@code step}: its older checkpoints go as the run keeps them
   * (a kill between that checkpoint and its prune left one too many).
   */
  public void restored(String stage, long step) throws IOException {
    dir.pruneCheckpoints(stage, keep, dir.checkpointFile(stage, step));
  }

  /**
   * A listener that records {@code stage}'s steps, evaluations and rollouts, and after each checkpoint prunes the
   * stage's older ones, before passing everything on to {@code next}.
   */
  public StageListener recording(String stage, StageListener next) {
    StageListener pruning = new StageListener() {
      @Override
      public void onStep(StepMetrics metrics) {
        next.onStep(metrics);
      }

      @Override
      public void onEval(EvalReport report) {
        next.onEval(report);
      }

      @Override
      public void onRollouts(String name, long step, java.util.List<ScoredRollout> rollouts) {
        next.onRollouts(name, step, rollouts);
      }

      @Override
      public void onCheckpoint(Path file, long nextStep) {
        try {
          resumption.checkpointed(); // a stop's checkpoint off the schedule goes once the stage passes it
          dir.pruneCheckpoints(stage, keep, file); // after the stop's went, so it does not count among those kept
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove the older checkpoints of stage " + stage + ": "
              + e.getMessage(), e);
        }
        next.onCheckpoint(file, nextStep);
      }

      @Override
      public boolean stopRequested() {
        return next.stopRequested();
      }
    };
    return dir.recording(pruning);
  }

  /** Records the jars of Java classes the run is given, each with its SHA-256 ({@value RunDirectory#JARS}). */
  public void recordJars(List<Path> jars) throws IOException {
    List<RecordedJar> recorded = new java.util.ArrayList<RecordedJar>();
    for (Path jar : jars) {
      recorded.add(RecordedJar.of(jar));
    }
    dir.writeJars(recorded);
  }

  /**
   * Records a finding of the doctor in doctor.jsonl. A resumed stage's findings before its checkpoint are kept
   * there, and those after it are cut with the other records, so the stage records each once.
   */
  public void recordFinding(Finding finding) throws IOException {
    dir.appendFinding(finding);
  }

  /** Records an {@code eval} statement's result, unless a resumed run recorded it before it stopped. */
  public void recordEval(EvalReport report) throws IOException {
    if (resumption.shouldRecord(report)) {
      dir.appendEval(report);
    }
  }

  // ---- outputs

  /** Saves a chart a session shows as {@code charts/<title>.png} ({@code -2}, {@code -3}… when taken). */
  public Path saveChart(String title, byte[] png) throws IOException {
    return dir.writeChart(RunDirectory.fileName(title), png, false);
  }

  /**
   * Saves the next chart of a headless run as {@code charts/NN-<title>.png}, numbered in the order plotted; a
   * resumed run draws its charts again over the ones it drew before it stopped.
   */
  public Path saveNumberedChart(String title, byte[] png) throws IOException {
    charts++;
    return dir.writeChart(String.format(java.util.Locale.ROOT, "%02d-%s", charts, RunDirectory.fileName(title)),
        png, true);
  }

  /** Where a replay's {@code save} statements write, so a replay never writes outside its own directory. */
  public Path savesFolder() {
    return dir.savedDir();
  }

  // ---- the end

  /** Marks the run done or interrupted. */
  public void finish(RunStatus status) throws IOException {
    dir.finish(status);
  }

  /** Marks the run failed with {@code message}. */
  public void fail(String message) throws IOException {
    dir.fail(message);
  }

  /** Marks a notebook session's run done when its kernel shuts down; a run already ended stays as it is. */
  public void close() throws IOException {
    if (dir.manifest().status() == RunStatus.RUNNING) {
      dir.finish(RunStatus.DONE);
    }
    dir.release();
  }
}
