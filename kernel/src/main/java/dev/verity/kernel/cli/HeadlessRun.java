package dev.verity.kernel.cli;

import dev.verity.dsl.BaseDir;
import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.diag.Diagnostics;
import dev.verity.dsl.exec.Cells;
import dev.verity.dsl.exec.Interrupted;
import dev.verity.dsl.exec.Outcome;
import dev.verity.dsl.exec.Session;
import dev.verity.engine.run.KeepCheckpoints;
import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.runtime.TorchRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs a whole experiment file into a run directory, as {@code verity run} and {@code verity replay} do: check
 * first (errors: every diagnostic, nothing run, no directory), then record the source and manifest, run with
 * progress, write outputs as they come, and end the manifest as done, failed or interrupted. {@code verity run
 * --resume} runs a recorded source into its own directory instead, continuing where the run stopped.
 */
final class HeadlessRun {

  /** Where a run records itself. */
  sealed interface Target permits NewRun, Resumed {}

  /** A new run directory in {@code runsRoot}. */
  record NewRun(Path runsRoot) implements Target {}

  /** The existing run directory {@code dir}, whose source is rerun to continue where it stopped. */
  record Resumed(Path dir) implements Target {}

  /**
   * @param file the name diagnostics carry
   * @param baseDir the folder relative paths in the source resolve against, and how it was chosen
   * @param target the run directory to create or continue
   * @param defaultName the run's name when the source has no {@code experiment} statement: the file's stem, or
   *     the recorded run's name for a replay (whose file is always experiment.verity)
   * @param defaultSeed the seed when the source has no {@code experiment} statement (a notebook's {@code %seed})
   * @param replay whether this reruns a recorded session, which went on past cells that failed
   * @param checkpointEvery steps between the checkpoints a stage writes (0: only at its end and when stopped)
   * @param keepCheckpoints how many of each stage's latest checkpoints stay
   * @param stopAtFailedChecks whether a failed check fails the run there (a headless run), or is only shown (a
   *     replayed notebook session, which went on past it)
   */
  record Request(
      String source, String file, BaseDir baseDir, List<String> overrides, Target target, String defaultName,
      long defaultSeed,
      boolean replay, int checkpointEvery, KeepCheckpoints keepCheckpoints, boolean stopAtFailedChecks) {}

  /** The exit status, and the run directory when the run started. */
  record Result(int exitCode, Optional<RunDirectory> run) {}

  private final Terminal terminal;
  private final StopSwitch stop;

  HeadlessRun(Terminal terminal, StopSwitch stop) {
    this.terminal = terminal;
    this.stop = stop;
  }

  Result run(Request request) {
    stop.arm();
    try {
      return checkAndRun(request);
    } finally {
      stop.disarm();
    }
  }

  private Result checkAndRun(Request request) {
    Overrides overrides = Overrides.parse(request.overrides());
    Compilation checked =
        Compiler.compile(request.source(), request.file(), request.baseDir(), Environment.EMPTY, overrides);
    if (!checked.ok()) {
      terminal.printErrors(checked.diagnostics());
      return new Result(Verity.BAD_INPUT, Optional.empty());
    }
    Environment.Experiment experiment = checked.environment().experiment()
        .orElse(new Environment.Experiment(request.defaultName(), request.defaultSeed()));
    RunDirectory run = open(request.target(), experiment.name());
    try (Session session = session(request, run)) {
      session.setSeed(experiment.seed()); // the experiment statement sets it again as it runs
      session.setCheckpointEvery(request.checkpointEvery());
      session.setKeepCheckpoints(request.keepCheckpoints());
      session.setStopsAtFailedChecks(request.stopAtFailedChecks());
      start(run, request, experiment.seed(), session);
      terminal.out().println((request.target() instanceof Resumed ? "resume " : "run ") + run.path());
      terminal.out().flush();
      if (stop.pressed()) { // Ctrl-C while the engine was loading: stop before anything runs
        run.finish(RunStatus.INTERRUPTED);
        terminal.err().println("verity: interrupted before the first statement ran; run directory " + run.path());
        return new Result(Verity.FAILED, Optional.of(run));
      }
      Outcome outcome = execute(run, session, request, overrides);
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

  /** A session recording into {@code run}; one that resumes it reads what the run recorded so far. */
  private static Session session(Request request, RunDirectory run) throws IOException {
    if (request.target() instanceof Resumed) {
      return Session.resuming(request.baseDir(), run); // a continuation of the user's own run saves where it did
    }
    Session session = new Session(request.baseDir(), Optional.of(run));
    if (request.replay()) { // a rerun of someone's run must not overwrite their checkpoints, nor ours
      session.keepSavesIn(run.savedDir());
    }
    return session;
  }

  /**
   * Writes the source and a running manifest, or marks a resumed run running again; either way the manifest says
   * how many checkpoints the run keeps now, so a later resume keeps as many.
   */
  private void start(RunDirectory run, Request request, long seed, Session session) throws IOException {
    if (request.target() instanceof Resumed) {
      run.resume();
      run.updateManifest(m -> m.withKeepCheckpoints(request.keepCheckpoints()));
      return;
    }
    run.writeSource(request.source());
    run.start(seed, request.overrides(), Manifest.Versions.current(), TorchRuntime.threads(),
        session.device().toString());
    run.updateManifest(m -> m.withBaseDir(request.baseDir().folder()).withCheckpointEvery(request.checkpointEvery())
        .withKeepCheckpoints(request.keepCheckpoints()));
  }

  private Outcome execute(RunDirectory run, Session session, Request request, Overrides overrides)
      throws IOException {
    Reporter reporter =
        new Reporter(ProgressView.of(terminal), new OutputWriter(run.chartsDir(), terminal.out()), stop);
    stop.attach(session);
    try {
      // cell by cell (`# %%` markers), honouring stops a notebook session recorded
      return Cells.runScript(session, request.source(), request.file(), overrides, reporter, request.replay());
    } catch (RuntimeException | Error e) { // the executor turns its own failures into diagnostics: these are ours
      String message = e instanceof UncheckedIOException ? e.getMessage() : "internal error: " + e;
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
  private String mark(RunDirectory run, ManifestChange change, String status) {
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
  private int end(RunDirectory run, Outcome outcome) throws IOException {
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
      String checkpoint = run.latestCheckpoint(at.stage()).map(p -> "; checkpoint " + p).orElse("");
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

  private static RunDirectory open(Target target, String experiment) {
    if (target instanceof Resumed resumed) {
      try {
        return RunDirectory.open(resumed.dir()); // mends a line a killed process cut off mid-write
      } catch (IOException e) {
        throw new CliException("cannot continue the run directory " + resumed.dir() + ": " + e.getMessage(),
            Verity.FAILED);
      }
    }
    Path runsRoot = ((NewRun) target).runsRoot();
    try {
      return RunDirectory.create(runsRoot, experiment);
    } catch (IOException e) {
      throw new CliException("cannot create a run directory in " + runsRoot + ": " + e.getMessage(), Verity.FAILED);
    }
  }

  /** {@code add.verity} → {@code add}: the run's name when the file has no {@code experiment} statement. */
  static String stem(String file) {
    String name = Path.of(file).getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
