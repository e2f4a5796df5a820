package dev.verity.kernel.sweep;

import dev.verity.dsl.BaseDir;
import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.diag.Diagnostics;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts, resumes and follows sweeps for {@code verity sweep} and the notebook's {@code %sweep}: checks the file
 * with every variant's overrides before anything runs, writes the sweep directory, runs the runs on this machine
 * or submits them to Slurm, shows progress through a {@link View}, and writes the summaries once every run has
 * ended.
 */
public final class SweepDriver {
  private static final long LOCAL_TICK_MS = 1000;
  private static final long SLURM_POLL_MS = 2000;
  private static final int LOG_TAIL = 12;

  /** How a sweep shows itself; called from the driver's threads. */
  public interface View {
    /** Where the runs stand, about once a second while they run (every 2 s on Slurm). */
    void progress(Sweep sweep, List<RunProgress> runs);

    /** A run ended; for one that did not end done, the last lines of its log. */
    void ended(RunEntry run, List<String> logTail);

    /** A line to show: a submission, a stop, a warning. */
    void note(String line);
  }

  /** A request that cannot be carried out, with what to do instead. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** The experiment file has errors with some variant's overrides; nothing ran. */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostics diagnostics;

    Rejected(Diagnostics diagnostics) {
      super("the file has errors", null, false, false);
      this.diagnostics = diagnostics;
    }

    public Diagnostics diagnostics() {
      return diagnostics;
    }
  }

  private final View view;
  private final Clock clock;
  private final AtomicInteger stops = new AtomicInteger();
  private volatile LocalExecutor local;
  private volatile SlurmExecutor slurm;

  public SweepDriver(View view, Clock clock) {
    this.view = view;
    this.clock = clock;
  }

  /** The experiment file of a new sweep: the name its diagnostics carry, its text and its folder. */
  public record Source(String name, String text, Path file) {}

  /**
   * Checks the grid, the options and the file with every run's overrides, then creates the sweep directory under
   * {@code --out} (default {@code defaultParent}). Nothing is written when anything is wrong.
   */
  public Sweep create(SweepOptions o, Source source, List<String> command, Path defaultParent)
      throws Refused, Rejected, IOException {
    return create(o, source, command, defaultParent, List.of());
  }

  /**
   * As {@link #create(SweepOptions, Source, List, Path)}, each run given the Java classes of {@code jars} (which
   * the caller has made nameable for the check, {@code JavaClasses.use}).
   */
  public Sweep create(SweepOptions o, Source source, List<String> command, Path defaultParent, List<Path> jars)
      throws Refused, Rejected, IOException {
    Grid grid = SweepRequest.grid(o);
    SweepRecord.Executor executor = SweepRequest.executor(o, view::note);
    List<Grid.PlannedRun> runs = grid.runs();
    check(source, runs);
    Path parent = o.out == null ? defaultParent : o.out;
    if (Files.exists(parent) && !Files.isDirectory(parent)) {
      throw new Refused((o.out == null ? "" : "--out ") + parent + " is a file, not a folder: give --out DIR, the"
          + " folder sweep directories go in");
    }
    String stem = stem(source.file());
    SweepRecord record = new SweepRecord(stem, source.file().toAbsolutePath().normalize().toString(),
        RunDirectory.sha256(source.text()), command, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
        grid, executor, runs.stream().map(RunEntry::planned).toList(),
        jars.stream().map(j -> j.toAbsolutePath().normalize().toString()).toList());
    return Sweep.create(parent, record, source.text(), clock);
  }

  /** Compiles the file with each run's overrides: a typo in a value fails here, before any JVM starts. */
  private static void check(Source source, List<Grid.PlannedRun> runs) throws Rejected {
    BaseDir base = BaseDir.fileFolder(source.file().toAbsolutePath().normalize().getParent());
    java.util.Set<List<String>> checked = new java.util.HashSet<>();
    for (Grid.PlannedRun run : runs) {
      // each variant once, with its first seed: every seed of the grid is a whole number ≥ 0 like it
      if (!checked.add(run.overrides().stream().filter(o -> !o.startsWith("seed=")).toList())) {
        continue;
      }
      Compilation c = Compiler.compile(source.text(), source.name(), base, Environment.EMPTY,
          Overrides.parse(run.overrides()));
      if (!c.ok()) {
        throw new Rejected(c.diagnostics());
      }
    }
  }

  /**
   * The sweep in {@code dir} for {@code option}, {@code --resume} or {@code --status}; refused, saying which sweep
   * was likely meant, when {@code dir} is not one (see {@link NotASweep}).
   *
   * @param command how the user starts a sweep, for the usage in messages: {@code verity sweep}, {@code %sweep}
   */
  public static Sweep open(Path dir, String option, String command) throws Refused {
    if (!Sweep.isSweep(dir)) {
      throw new Refused(NotASweep.why(dir, option, command));
    }
    try {
      return Sweep.open(dir);
    } catch (IOException e) {
      throw new Refused(e.getMessage());
    }
  }

  /**
   * Readies {@code sweep} to finish: runs done by their directories are marked done; the others, those marked
   * done whose directory is gone or unfinished among them ({@link #refresh}), are pending, and start again
   * (continuing from their checkpoints when they have a directory). Refused while some of its
   * Slurm tasks are still queued or running, and for runs not yet started when the file changed since.
   */
  public void prepareResume(Sweep sweep, Integer jobs) throws Refused {
    refresh(sweep);
    if (sweep.record().runs().stream().anyMatch(r -> r.status() == RunState.QUEUED
        || (r.status() == RunState.RUNNING && r.slurmJob() != null))) {
      throw new Refused("some runs are still queued or running in Slurm (`verity sweep --status " + sweep.path()
          + "`): resume once they have ended, or cancel them with scancel");
    }
    for (RunEntry run : sweep.record().runs()) {
      if (run.status() == RunState.RUNNING && run.processAlive()) {
        throw new Refused("run " + run.id() + " still runs (process " + run.pid() + "), as the sweep that started it"
            + " was ended without stopping it: resume once it has ended, or stop it with kill -INT " + run.pid());
      }
    }
    SweepRequest.positive("--jobs", jobs);
    if (jobs != null) {
      sweep.update(r -> r.withExecutor(r.executor().withJobs(jobs)));
    }
    for (RunEntry run : sweep.record().runs()) {
      if (run.status() == RunState.DONE) {
        continue;
      }
      if (sweep.runDir(run.id()).isEmpty()) {
        requireUnchangedFile(sweep);
      }
      sweep.update(run.id(), r -> r.withStatus(RunState.PENDING));
    }
  }

  private static void requireUnchangedFile(Sweep sweep) throws Refused {
    Path file = Path.of(sweep.record().file());
    try {
      if (!RunDirectory.sha256(Files.readString(file)).equals(sweep.record().fileSha256())) {
        throw new Refused(file + " was edited after the sweep started: runs not yet started would run other"
            + " source than the finished ones. Restore it, or start a new sweep");
      }
    } catch (IOException e) {
      throw new Refused("cannot read " + file + ", which the sweep's runs not yet started run: " + e.getMessage());
    }
  }

  /**
   * Brings the statuses in sweep.json up to date from the run directories and exit files (and squeue, on Slurm):
   * what {@code --status} shows. A local run marked running whose process left its exit status has ended; a run
   * marked done whose directory is gone, or whose manifest does not say done, is pending again, with a note.
   */
  public void refresh(Sweep sweep) throws Refused {
    if (sweep.record().executor().slurm() && sweep.record().runs().stream()
        .anyMatch(r -> r.slurmJob() != null && SlurmExecutor.inSlurm(r))) {
      try {
        new SlurmExecutor(sweep, verity(sweep)).poll();
      } catch (SlurmExecutor.SlurmException e) {
        throw new Refused(e.getMessage());
      }
    }
    for (RunEntry run : sweep.record().runs()) {
      sweep.noteRunDir(run.id());
      Optional<RunStatus> manifest = sweep.manifestStatus(run.id());
      if (run.status() == RunState.DONE && manifest.orElse(null) != RunStatus.DONE) {
        view.note(notFinished(sweep, run.id(), manifest));
        sweep.update(run.id(), r -> r.withStatus(RunState.PENDING)); // so a resume runs it again
      } else if (manifest.orElse(null) == RunStatus.DONE && run.status() != RunState.DONE) {
        sweep.update(run.id(), r -> r.ended(RunState.DONE, 0, null));
      } else if (run.status() == RunState.RUNNING && run.slurmJob() == null) {
        Optional<Integer> code = sweep.exitCode(run.id());
        if (code.isPresent()) {
          RunState state = RunState.ended(code.get(), manifest);
          sweep.update(run.id(), r -> r.ended(state, code.get(), null));
        }
      }
    }
  }

  /** Why run {@code id}, which sweep.json says is done, is not: its run directory is gone, or did not finish. */
  private static String notFinished(Sweep sweep, String id, Optional<RunStatus> manifest) {
    Optional<Path> dir = sweep.runDir(id);
    String why = dir.isEmpty() ? "its run directory is missing from " + sweep.runFolder(id) + " (deleted, or moved"
        + " out of the sweep)" : "its run directory " + dir.get() + " did not finish ("
        + manifest.map(m -> "its manifest says " + m.label()).orElse("its manifest does not read") + ")";
    return "run " + id + " is marked done in " + Sweep.JSON + " but " + why + ", so it counts as not done: `verity"
        + " sweep --resume " + sweep.path() + "` runs it again";
  }

  /** Where each run stands now, in sweep.json's order. */
  public static List<RunProgress> progress(Sweep sweep) {
    return sweep.record().runs().stream().map(r -> RunProgress.of(sweep, r)).toList();
  }

  /**
   * Runs the sweep's pending runs where sweep.json says (a local pool, or one Slurm job array, followed until it
   * ends when {@code wait}), then writes the summaries if no run is left running. Returns whether every run of
   * the sweep is done.
   */
  public boolean run(Sweep sweep, boolean wait) throws Refused, IOException, InterruptedException {
    List<RunLaunch> tasks = new ArrayList<>();
    for (RunEntry run : sweep.record().runs()) {
      if (run.status() == RunState.PENDING) {
        tasks.add(RunLaunch.of(sweep, run));
      }
    }
    RunListener listener = new RunListener() {
      @Override
      public void started(String id) {}

      @Override
      public void ended(RunEntry run) {
        view.ended(run, run.status() == RunState.FAILED ? sweep.logTail(run.id(), LOG_TAIL) : List.of());
      }
    };
    SweepRecord.Executor ex = sweep.record().executor();
    if (ex.slurm()) {
      if (!runOnSlurm(sweep, tasks, wait, listener)) {
        return false;
      }
    } else if (!tasks.isEmpty()) {
      local = new LocalExecutor(sweep, verity(sweep), ex.jobs(), listener);
      if (stops.get() > 0) {
        local.stop();
      }
      local.run(tasks, () -> view.progress(sweep, progress(sweep)));
    }
    view.progress(sweep, progress(sweep));
    return finish(sweep);
  }

  private boolean runOnSlurm(Sweep sweep, List<RunLaunch> tasks, boolean wait, RunListener listener)
      throws Refused, InterruptedException {
    SlurmExecutor executor = new SlurmExecutor(sweep, verity(sweep));
    slurm = executor;
    try {
      if (!tasks.isEmpty()) {
        String job = executor.submit(tasks);
        view.note("submitted Slurm job array " + job + " (" + tasks.size() + (tasks.size() == 1 ? " task" : " tasks")
            + "; logs in " + sweep.path().resolve(Sweep.LOGS) + ")");
      }
      if (!wait) {
        view.note("not waiting: `verity sweep --status " + sweep.path() + "` shows where it stands");
        return false;
      }
      boolean cancelled = false;
      while (executor.active()) {
        if (stops.get() > 0 && !cancelled) {
          view.note("stopping: queued tasks are cancelled, running ones stop after their step in flight");
          executor.cancel();
          cancelled = true;
        }
        if (stops.get() > 1) {
          view.note("no longer following the job array; `verity sweep --status " + sweep.path() + "` shows it");
          return false;
        }
        for (RunEntry ended : executor.poll()) {
          listener.ended(ended);
        }
        view.progress(sweep, progress(sweep));
        if (executor.active()) {
          Thread.sleep(SLURM_POLL_MS);
        }
      }
      return true;
    } catch (SlurmExecutor.SlurmException e) {
      throw new Refused(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      slurm = null;
    }
  }

  /** Writes the summaries when no run is left running; returns whether every run is done. */
  public boolean finish(Sweep sweep) throws IOException {
    List<RunEntry> runs = sweep.record().runs();
    if (runs.stream().anyMatch(r -> r.status() == RunState.RUNNING || r.status() == RunState.QUEUED)) {
      return false;
    }
    if (!sweep.doneRuns().isEmpty()) {
      Summaries.write(sweep);
    }
    return runs.stream().allMatch(r -> r.status() == RunState.DONE);
  }

  /**
   * Ctrl-C: the first stops every run after its step in flight (local: SIGINT to each; Slurm: queued tasks
   * cancelled, running ones sent SIGINT); a second stops local runs at once, or stops following Slurm's. Safe
   * from any thread.
   */
  public void stop() {
    stops.incrementAndGet();
    LocalExecutor l = local;
    if (l != null) {
      l.stop();
    }
  }

  /** How this sweep's runs start: this build, on the sweep's thread count. */
  private static VerityCommand verity(Sweep sweep) {
    return VerityCommand.thisBuild(sweep.record().executor().threads());
  }

  /** {@code add.verity} → {@code add}. */
  static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
