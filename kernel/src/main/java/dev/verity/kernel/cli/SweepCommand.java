package dev.verity.kernel.cli;

import dev.verity.engine.run.RunFormatException;
import dev.verity.engine.user.JavaClasses;
import dev.verity.kernel.jshell.RecordedJavaCells;
import dev.verity.kernel.render.Renderers;
import dev.verity.kernel.sweep.Comparison;
import dev.verity.kernel.sweep.DamagedRun;
import dev.verity.kernel.sweep.RunState;
import dev.verity.kernel.sweep.Summaries;
import dev.verity.kernel.sweep.Sweep;
import dev.verity.kernel.sweep.SweepDriver;
import dev.verity.kernel.sweep.SweepOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code verity sweep FILE [--seeds …] [--set name=v1,v2]… [--on local|slurm]}, {@code verity sweep --resume DIR}
 * and {@code verity sweep --status DIR}: many runs of one experiment, each an ordinary run directory inside the
 * sweep directory, summarised over seeds with 95% intervals.
 */
@Command(
    name = "sweep",
    description = {
      "Runs an experiment file over seeds and settings: every combination of the --set values (a variant), each"
          + " with every seed, each run an ordinary run directory (replayable, resumable) in a new sweep directory"
          + " sweeps/<file>-<time>/. Writes summary.csv and eval_summary.csv (n, mean, sd, 95%% CI over each"
          + " variant's runs) and charts of the means with their bands.",
      "With --classpath, the file is checked with those Java classes, and each run is given them and records them"
          + " in its jars.json.",
      "Local runs are child processes, --jobs at once (default: jobs × threads ≤ cores); a failed run does not"
          + " stop the others; Ctrl-C stops all after their step in flight (--resume DIR finishes them). With --on"
          + " slurm, the runs are one job array submitted with sbatch.",
      "Exit status: 0 every run done, 1 some run failed or was stopped (or a Slurm sweep was left running), 2 the"
          + " file has errors or the command line is wrong."
    })
final class SweepCommand implements Callable<Integer> {
  static final Path DEFAULT_PARENT = Path.of("sweeps");

  @Spec CommandSpec spec;

  @Mixin SweepOptions options;

  @Mixin ClasspathOption classpath;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Terminal terminal = Terminal.of(spec);
    SweepView view = new SweepView(terminal);
    SweepDriver driver = new SweepDriver(view, Clock.systemDefaultZone());
    try {
      if (options.status != null) {
        requireAlone(options.status, "--status");
        return status(terminal, view, driver, SweepDriver.open(options.status, "--status", "verity sweep"));
      }
      Sweep sweep;
      if (options.resume != null) {
        requireAlone(options.resume, "--resume");
        sweep = SweepDriver.open(options.resume, "--resume", "verity sweep");
        driver.prepareResume(sweep, options.jobs);
        terminal.out().println("resume " + sweep.path());
      } else if (options.file == null) {
        throw new CliException("name an experiment file to sweep, or a sweep directory with --resume DIR or"
            + " --status DIR");
      } else {
        SourceFile file = SourceFile.experiment(options.file, "sweep");
        List<String> command = new ArrayList<>(List.of("verity")); // the arguments start with "sweep"
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        // the check sees the classes each run will: the jars', and those of the file's own Java cells
        try (JavaClasses.Registration classes = classpath.use();
            RecordedJavaCells java = SessionJava.define(terminal, file.text(), file.name(), false, Verity.BAD_INPUT,
                false)) {
          sweep = driver.create(options, new SweepDriver.Source(file.name(), file.text(), Path.of(options.file)),
              command, DEFAULT_PARENT, classpath.jars);
        }
        terminal.out().println("sweep " + sweep.path() + ": " + describe(sweep));
      }
      terminal.out().flush();
      boolean done = runStoppable(driver, sweep);
      return report(terminal, view, sweep, done);
    } catch (SweepDriver.Refused e) {
      throw new CliException(e.getMessage());
    } catch (RunFormatException e) { // a run's file damaged after it ran: the summaries cannot read it
      throw new CliException(DamagedRun.message(e));
    } catch (SweepDriver.Rejected e) {
      terminal.printErrors(e.diagnostics());
      return Verity.BAD_INPUT;
    }
  }

  /** Runs the sweep with Ctrl-C routed to the driver: once to stop every run gracefully, twice to stop at once. */
  private boolean runStoppable(SweepDriver driver, Sweep sweep)
      throws SweepDriver.Refused, IOException, InterruptedException {
    int[] presses = {0};
    SignalHandler before = null;
    try {
      before = Signal.handle(new Signal("INT"), signal -> {
        presses[0]++;
        System.err.println(presses[0] == 1
            ? "\nverity: stopping every run after its step in flight (Ctrl-C again to stop them at once)"
            : "\nverity: stopping at once");
        driver.stop();
      });
    } catch (IllegalArgumentException refused) {
      // SIGINT is the JVM's own (-Xrs): Ctrl-C then ends the sweep as it ends any program
    }
    try {
      return driver.run(sweep, options.waitForSlurm);
    } finally {
      if (before != null) {
        Signal.handle(new Signal("INT"), before);
      }
    }
  }

  /** The final table, the summaries written, each variant's final evaluations, and how to go on. */
  private int report(Terminal terminal, SweepView view, Sweep sweep, boolean done) throws IOException {
    view.finalTable(sweep, SweepDriver.progress(sweep));
    boolean active = sweep.record().runs().stream()
        .anyMatch(r -> r.status() == RunState.QUEUED || r.status() == RunState.RUNNING);
    if (active) {
      return sweep.record().executor().slurm() && !options.waitForSlurm ? Verity.DONE : Verity.FAILED;
    }
    if (Files.exists(sweep.path().resolve(Sweep.SUMMARY))) {
      terminal.out().println("summaries: " + sweep.path().resolve(Sweep.SUMMARY) + ", "
          + sweep.path().resolve(Sweep.EVAL_SUMMARY) + ", charts in " + sweep.chartsDir());
      printFinalEvaluations(terminal, sweep);
    }
    if (!done) {
      terminal.err().println("verity: not every run is done; `verity sweep --resume " + sweep.path()
          + "` continues the others from their checkpoints");
    }
    return done ? Verity.DONE : Verity.FAILED;
  }

  private static void printFinalEvaluations(Terminal terminal, Sweep sweep) throws IOException {
    List<Summaries.Group> groups = Summaries.groups(sweep);
    Comparison.Result result = Comparison.compare(groups, List.of("accuracy"));
    if (result.means().rowCount() > 0) {
      terminal.out().println(Renderers.standard().render(result.means()).text());
      terminal.out().println("(`verity compare " + sweep.path() + "` compares the variants pair by pair)");
    }
  }

  private int status(Terminal terminal, SweepView view, SweepDriver driver, Sweep sweep)
      throws SweepDriver.Refused, IOException {
    driver.refresh(sweep);
    terminal.out().println("sweep " + sweep.path() + ": " + describe(sweep));
    driver.finish(sweep);
    view.finalTable(sweep, SweepDriver.progress(sweep));
    view.failures(sweep);
    if (Files.exists(sweep.path().resolve(Sweep.SUMMARY))) {
      terminal.out().println("summaries: " + sweep.path().resolve(Sweep.SUMMARY) + ", "
          + sweep.path().resolve(Sweep.EVAL_SUMMARY) + ", charts in " + sweep.chartsDir());
    }
    boolean failed = sweep.record().runs().stream()
        .anyMatch(r -> r.status() == RunState.FAILED || r.status() == RunState.INTERRUPTED);
    return failed ? Verity.FAILED : Verity.DONE;
  }

  /** {@code 12 runs: 2 variants × 6 seeds, local, 2 at once, 1 thread each}. */
  static String describe(Sweep sweep) {
    var r = sweep.record();
    int runs = r.runs().size();
    long variants = r.runs().stream().map(e -> e.variant()).distinct().count();
    int seeds = Math.max(1, r.grid().seeds().size());
    var ex = r.executor();
    String where = ex.slurm() ? "slurm" + (ex.jobs() == null ? "" : ", at most " + ex.jobs() + " at once")
        : "local, " + ex.jobs() + " at once";
    return runs + (runs == 1 ? " run: " : " runs: ") + variants + (variants == 1 ? " variant × " : " variants × ")
        + seeds + (seeds == 1 ? " seed, " : " seeds, ") + where + ", " + ex.threads()
        + (ex.threads() == 1 ? " thread each" : " threads each");
  }

  private void requireAlone(Path dir, String option) {
    if (options.file != null || options.seeds != null || !options.sets.isEmpty() || options.on != null
        || options.out != null || options.partition != null || options.time != null || options.cpusPerTask != null
        || options.gres != null || options.threads != null || (options.resume != null && options.status != null)
        || !classpath.jars.isEmpty()) {
      throw new CliException(option + " " + dir + " works on the sweep as it was started: drop the other options"
          + " (--resume takes --jobs and --no-wait; its runs keep the jars the sweep was given)");
    }
    if (option.equals("--status") && options.jobs != null) {
      throw new CliException("--status shows the sweep: drop --jobs");
    }
  }
}
