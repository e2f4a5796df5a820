package dev.verity.kernel.cli;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.diag.Diagnostics;
import dev.verity.dsl.exec.Cells;
import dev.verity.dsl.exec.Interrupted;
import dev.verity.dsl.exec.Outcome;
import dev.verity.dsl.exec.Session;
import dev.verity.engine.checkpoint.FileErrors;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.user.JavaClasses;
import dev.verity.kernel.jshell.RecordedJavaCells;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Runs a whole experiment file into a run directory, as {@code verity run} and {@code verity replay} do: compile it
 * once (errors: every diagnostic, nothing run, no directory), start the run through its {@link Recorder}, run cell
 * by cell with progress, write outputs as they come, and end the run as done, failed or interrupted. {@code verity
 * run --resume} continues a recorded run in its own directory instead.
 */
final class HeadlessRun {

  /** The exit status, and the run's recorder when the run started. */
  record Result(int exitCode, Optional<Recorder> run) {}

  private final Terminal terminal;
  private final StopSwitch stop;

  HeadlessRun(Terminal terminal, StopSwitch stop) {
    this.terminal = terminal;
    this.stop = stop;
  }

  Result run(RunRequest request) {
    stop.arm();
    try {
      return checkAndRun(request);
    } finally {
      stop.disarm();
    }
  }

  private Result checkAndRun(RunRequest request) {
    boolean recordedRun = request.replay() || request.target() instanceof RunRequest.Resumed;
    try (RecordedJavaCells javaCells = SessionJava.define(terminal, request.source(), request.file(), true,
        request.replay() ? Verity.FAILED : Verity.BAD_INPUT, recordedRun)) {
      return compileAndRun(request);
    }
  }

  private Result compileAndRun(RunRequest request) {
    Overrides overrides = Overrides.parse(request.overrides());
    Compilation compiled =
        Compiler.compile(request.source(), request.file(), request.baseDir(), Environment.EMPTY, overrides);
    terminal.printWarnings(compiled.warnings());
    if (!compiled.ok()) {
      terminal.printErrors(compiled.diagnostics());
      return new Result(Verity.BAD_INPUT, Optional.empty());
    }
    Environment.Experiment experiment = compiled.environment().experiment()
        .orElse(new Environment.Experiment(request.defaultName(), request.defaultSeed()));
    Recorder run = open(request, experiment);
    stop.recordingTo(run); // from now on a second Ctrl-C marks it interrupted before the process ends
    recordJars(run, request);
    try (Session session = new Session(request.baseDir(), Optional.of(run))) {
      session.setSeed(experiment.seed()); // the experiment statement sets it again as it runs
      session.setStopsAtFailedChecks(request.stopAtFailedChecks());
      session.setStopEndsRun(true);
      if (request.replay() && request.target() instanceof RunRequest.NewRun) {
        session.keepSavesIn(run.savesFolder()); // a rerun of someone's run must not overwrite their checkpoints
      }
      terminal.out().println((request.target() instanceof RunRequest.Resumed ? "resume " : "run ") + run.path());
      terminal.out().flush();
      if (stop.pressed()) { // Ctrl-C while the engine was loading: stop before anything runs
        run.finish(RunStatus.INTERRUPTED);
        terminal.err().println("verity: interrupted before the first statement ran; run directory " + run.path());
        return new Result(Verity.FAILED, Optional.of(run));
      }
      Outcome outcome = execute(run, session, compiled, request);
      if (request.replay() && outcome instanceof Outcome.Failed failed) {
        // a recorded session went on past a failing cell; the replay did too, and the comparison judges it
        terminal.printErrors(failed.diagnostics());
        outcome = new Outcome.Done(failed.outputs());
      }
      return new Result(end(run, outcome), Optional.of(run));
    } catch (IOException e) {
      throw new CliException("cannot write the run directory " + run.path() + ": " + e.getMessage(), Verity.FAILED);
    }
  }

  private Outcome execute(Recorder run, Session session, Compilation compiled, RunRequest request)
      throws IOException {
    HeadlessListener listener =
        new HeadlessListener(ProgressView.of(terminal), new OutputWriter(run, terminal.out()), stop);
    stop.attach(session);
    try {
      // cell by cell (`# %%` markers), honouring stops a notebook session recorded
      return Cells.runScript(session, compiled, request.source(), request.file(), listener, request.replay());
    } catch (RuntimeException | Error e) { // the executor turns its own failures into diagnostics: these are ours
      String message = e instanceof UncheckedIOException ? e.getMessage() : Failures.message(e);
      mark(run, () -> run.fail(message), "failed");
      throw new CliException(message, Verity.FAILED);
    }
  }

  /** A change to the manifest that a full or read-only disk can refuse. */
  private interface ManifestChange {
    void apply() throws IOException;
  }

  /**
   * Ends the manifest as {@code status}; returns the status it now has: {@code running} when the disk refused the
   * write (full, read-only), which is said with its cause. Nothing recorded is lost, and a resume continues it.
   */
  private String mark(Recorder run, ManifestChange change, String status) {
    try {
      change.apply();
      return status;
    } catch (IOException e) {
      terminal.err().println("verity: could not mark the run " + status + ": " + e.getMessage() + "; its manifest"
          + " still says running, and what it recorded is kept: `verity run --resume " + run.path() + "` continues"
          + " it once the disk takes writes again");
      terminal.err().flush();
      return "running";
    }
  }

  /** Ends the manifest as the outcome says and returns the exit status. */
  private int end(Recorder run, Outcome outcome) throws IOException {
    if (outcome instanceof Outcome.Done) {
      if (!mark(run, () -> run.finish(RunStatus.DONE), "done").equals("done")) {
        return Verity.FAILED;
      }
      terminal.out().println("done: " + run.path());
      terminal.out().flush();
      return Verity.DONE;
    } else if (outcome instanceof Outcome.Stopped stopped) {
      String status = mark(run, () -> run.finish(RunStatus.INTERRUPTED), "interrupted");
      Interrupted at = stopped.interruption();
      String checkpoint = at.stage().isEmpty() ? "" // stopped between statements: no stage was cut short
          : run.directory().latestCheckpoint(at.stage()).map(p -> "; checkpoint " + p).orElse("");
      terminal.err().println("verity: " + at.getMessage() + checkpoint);
      terminal.err().println("verity: run directory " + run.path() + " (status " + status + ")");
      terminal.err().flush();
      return Verity.FAILED;
    } else if (outcome instanceof Outcome.Failed failed) {
      terminal.printErrors(failed.diagnostics());
      String status = mark(run, () -> run.fail(failed.diagnostics().list().get(0).headline()), "failed");
      terminal.err().println("verity: the run failed; run directory " + run.path() + " (status " + status + ")");
      terminal.err().flush();
      return Verity.FAILED;
    }
    Diagnostics errors = ((Outcome.Rejected) outcome).diagnostics(); // checked above, so not expected here
    terminal.printErrors(errors);
    run.fail(errors.list().get(0).headline());
    return Verity.BAD_INPUT;
  }

  /**
   * Records the jars of Java classes a new run is given (a resumed run keeps its own record, which the resume was
   * checked against), so a replay can refuse others.
   */
  private static void recordJars(Recorder run, RunRequest request) {
    List<Path> jars = JavaClasses.jars();
    if (jars.isEmpty() || request.target() instanceof RunRequest.Resumed) {
      return;
    }
    try {
      run.recordJars(jars);
    } catch (IOException e) {
      throw new CliException("cannot record the jars in " + run.path() + ": " + e.getMessage(), Verity.FAILED);
    }
  }

  /** A new run directory with its source and manifest, or the recorded one continued. */
  private static Recorder open(RunRequest request, Environment.Experiment experiment) {
    if (request.target() instanceof RunRequest.Resumed resumed) {
      try {
        return Recorder.resume(resumed.dir(), request.checkpointEvery(), request.keepCheckpoints());
      } catch (IOException e) {
        throw new CliException("cannot continue the run directory " + resumed.dir() + ": " + FileErrors.describe(e),
            Verity.FAILED);
      }
    }
    Path runsRoot = ((RunRequest.NewRun) request.target()).runsRoot();
    RunSettings settings = RunSettings.of(experiment.seed(), TorchRuntime.threads(),
            TorchRuntime.defaultDevice().toString())
        .withOverrides(request.overrides())
        .withBaseDir(request.baseDir().folder())
        .withCheckpointEvery(request.checkpointEvery())
        .withKeepCheckpoints(request.keepCheckpoints());
    settings = request.replayOf().map(settings::withReplayOf).orElse(settings);
    try {
      return Recorder.start(runsRoot, experiment.name(), Clock.systemDefaultZone(), Optional.of(request.source()),
          settings);
    } catch (IOException e) {
      throw new CliException("cannot create a run directory in " + runsRoot + ": " + FileErrors.describe(e),
          Verity.FAILED);
    }
  }
}
