package dev.verity.kernel.backend;

import dev.verity.dsl.parse.Parsing;
import dev.verity.engine.run.RunFormatException;
import dev.verity.engine.user.JavaClasses;
import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.DisplayHandle;
import dev.verity.kernel.jshell.RecordedJavaCells;
import dev.verity.kernel.sweep.BandChart;
import dev.verity.kernel.sweep.Comparison;
import dev.verity.kernel.sweep.DamagedRun;
import dev.verity.kernel.sweep.ProgressTable;
import dev.verity.kernel.sweep.RunEntry;
import dev.verity.kernel.sweep.RunProgress;
import dev.verity.kernel.sweep.RunState;
import dev.verity.kernel.sweep.Summaries;
import dev.verity.kernel.sweep.Sweep;
import dev.verity.kernel.sweep.SweepCharts;
import dev.verity.kernel.sweep.SweepDriver;
import dev.verity.kernel.sweep.SweepOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import tech.tablesaw.api.Table;

/**
 * {@code %sweep} and {@code %compare} in a notebook. {@code %sweep FILE [--seeds …] [--set …]…} runs a sweep as
 * {@code verity sweep} does, into {@code sweeps/} beside the notebook, with its table of runs redrawn in place;
 * interrupting the kernel stops every run after its step in flight. {@code %sweep DIR} shows a sweep (finished or
 * not): its runs, then each variant's mean with its 95% band — the standard charts, or those of {@code --plot
 * m1,m2} (for {@code --stage S}) — and the final evaluations. Paths are relative to the notebook's folder; the
 * paths inside FILE, to FILE's own folder, as with {@code verity run}.
 */
final class SweepMagic {
  static final String SWEEPS = "sweeps";

  private final Notebook notebook;

  SweepMagic(Notebook notebook) {
    this.notebook = notebook;
  }

  /** {@code %sweep}'s options: {@code verity sweep}'s, and what to plot of a sweep shown. */
  @Command(name = "%sweep")
  static final class Options extends SweepOptions {
    @Option(names = "--plot", split = ",", paramLabel = "METRIC[,METRIC…]",
        description = "the metrics to chart, each variant its mean with a 95% band: accuracy, loss, eval_accuracy…")
    List<String> plot = new ArrayList<>();

    @Option(names = "--stage", paramLabel = "STAGE", description = "with --plot: only this stage")
    String stage;
  }

  void sweep(List<String> args, CellOutput out) throws CellError {
    Options o = parse(new Options(), args);
    try {
      if (o.status != null) {
        show(SweepDriver.open(resolve(o.status.toString()), "--status", "%sweep"), o, out);
        return;
      }
      Path target = o.file == null ? null : resolve(o.file);
      if (target != null && Files.isDirectory(target) && o.resume == null) {
        if (!Sweep.isSweep(target)) {
          throw CellError.of("%sweep: " + target + " is a folder but not a sweep directory (it has no "
              + Sweep.JSON + ")");
        }
        show(SweepDriver.open(target, "--status", "%sweep"), o, out);
        return;
      }
      if (!o.plot.isEmpty() || o.stage != null) {
        throw CellError.of("%sweep: --plot and --stage show a sweep directory: %sweep DIR --plot accuracy");
      }
      run(o, args, out);
    } catch (SweepDriver.Refused e) {
      throw CellError.of("%sweep: " + e.getMessage());
    } catch (SweepDriver.Rejected e) {
      throw Outcomes.diagnostics(e.diagnostics());
    } catch (RunFormatException e) { // a run's file damaged after it ran: which, and what to do
      throw CellError.of("%sweep: " + DamagedRun.message(e));
    } catch (IOException e) {
      throw CellError.of("%sweep: " + e.getMessage());
    }
  }

  private void run(Options o, List<String> args, CellOutput out)
      throws CellError, SweepDriver.Refused, SweepDriver.Rejected, IOException {
    LiveView view = new LiveView(out);
    SweepDriver driver = new SweepDriver(view, Clock.systemDefaultZone());
    Sweep sweep;
    if (o.resume != null) {
      sweep = SweepDriver.open(resolve(o.resume.toString()), "--resume", "%sweep");
      driver.prepareResume(sweep, o.jobs);
    } else if (o.file == null) {
      throw CellError.of("%sweep: name an experiment file, as in %sweep quickstart.verity --seeds 3, or a sweep"
          + " directory to show");
    } else {
      Path file = resolve(o.file);
      if (o.out != null) {
        o.out = resolve(o.out.toString());
      }
      List<String> command = new ArrayList<>(List.of("%sweep"));
      command.addAll(args);
      // The runs get the session's %classpath jars and define the file's own [java] cells themselves; the check
      // here sees just those, not the notebook's Java cells, which the runs' processes will not have.
      String text = read(file);
      List<Path> jars = JavaClasses.jars();
      try (JavaClasses.Registration runsSee = JavaClasses.forOtherProcesses();
          JavaClasses.Registration given = jars.isEmpty() ? () -> { } : JavaClasses.use(JavaClasses.ofJars(jars));
          RecordedJavaCells java = RecordedJavaCells.define(text, o.file, System.getProperty("java.class.path"),
              jars)) {
        sweep = driver.create(o, new SweepDriver.Source(o.file, text, file), command,
            notebook.baseDir().resolve(SWEEPS), jars);
      }
    }
    out.print("sweep " + sweep.path() + " (" + sweep.record().runs().size() + " runs)\n");
    boolean done;
    notebook.onInterrupt(driver::stop);
    try {
      done = driver.run(sweep, o.waitForSlurm);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CellError.interrupted();
    } finally {
      notebook.onInterrupt(null);
    }
    view.last(sweep);
    boolean active = sweep.record().runs().stream()
        .anyMatch(r -> r.status() == RunState.QUEUED || r.status() == RunState.RUNNING);
    if (!active) {
      results(sweep, List.of(), Optional.empty(), out);
    }
    if (!done && !active) {
      boolean stopped = sweep.record().runs().stream().anyMatch(r -> r.status() == RunState.INTERRUPTED
          || r.status() == RunState.PENDING);
      String message = (stopped ? "the sweep was stopped" : "some runs failed") + "; %sweep --resume "
          + notebook.baseDir().relativize(sweep.path()) + " continues the unfinished runs";
      throw new CellError(stopped ? "Interrupted" : "VerityError", message, List.of(message));
    }
  }

  /** A sweep as it stands: its runs, then (once no run is left running) its charts and final evaluations. */
  private void show(Sweep sweep, Options o, CellOutput out)
      throws CellError, SweepDriver.Refused, IOException {
    new SweepDriver(new LiveView(out), Clock.systemDefaultZone()).refresh(sweep);
    List<RunProgress> runs = SweepDriver.progress(sweep);
    out.display(ProgressTable.of(sweep.path().getFileName() + ": " + ProgressTable.counts(runs), runs));
    results(sweep, o.plot, Optional.ofNullable(o.stage), out);
  }

  private static void results(Sweep sweep, List<String> plot, Optional<String> stage, CellOutput out)
      throws CellError, IOException {
    List<Summaries.Group> groups = Summaries.groups(sweep);
    if (groups.isEmpty()) {
      out.print("no run of the sweep is done yet\n");
      return;
    }
    Table metrics = Summaries.metrics(sweep, groups); // a sweep kept in results/ has its summary, not its steps
    Table evals = Summaries.evals(groups);
    List<BandChart> charts;
    try {
      charts = plot.isEmpty() ? SweepCharts.standard(metrics, evals) : SweepCharts.of(metrics, evals, plot, stage);
    } catch (IllegalArgumentException e) {
      throw CellError.of("%sweep --plot: " + e.getMessage());
    }
    charts.forEach(out::display);
    if (plot.isEmpty()) {
      Table means = Comparison.compare(groups, List.of("accuracy")).means();
      if (means.rowCount() > 0) {
        out.display(means);
      }
    }
  }

  void compare(List<String> args, CellOutput out) throws CellError {
    CompareOptions o = parse(new CompareOptions(), args);
    List<Path> dirs = new ArrayList<>();
    for (String d : o.dirs) {
      dirs.add(resolve(d));
    }
    List<String> notes = new ArrayList<>();
    try {
      Comparison.Result result = Comparison.compare(Comparison.groups(dirs, notes),
          o.metrics.isEmpty() ? List.of("accuracy") : o.metrics);
      if (result.evaluated() && result.means().rowCount() == 0) { // none of the figures asked for has a value
        throw CellError.of(result.unmeasured().stream().map(u -> "%compare --metric " + u)
            .collect(Collectors.joining("\n")));
      }
      result.unmeasured().forEach(u -> notes.add("left out --metric " + u));
      notes.forEach(n -> out.printError("note: " + n + "\n"));
      out.display(result.means());
      if (result.differences().rowCount() > 0) {
        out.display(result.differences());
      }
    } catch (Comparison.BadInput e) {
      throw CellError.of("%compare: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw CellError.of("%compare --metric: " + e.getMessage());
    } catch (RunFormatException e) {
      throw CellError.of("%compare: " + DamagedRun.message(e));
    } catch (IOException e) {
      throw CellError.of("%compare: " + e.getMessage());
    }
  }

  @Command(name = "%compare")
  static final class CompareOptions {
    @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "DIR")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "NAME")
    List<String> metrics = new ArrayList<>();
  }

  private static <T> T parse(T options, List<String> args) throws CellError {
    CommandLine cli = new CommandLine(options);
    try {
      cli.parseArgs(args.toArray(String[]::new));
      return options;
    } catch (ParameterException e) {
      throw CellError.of(cli.getCommandName() + ": " + e.getMessage() + " (see `verity "
          + cli.getCommandName().substring(1) + " --help` for the options)");
    }
  }

  private Path resolve(String name) throws CellError {
    try {
      return notebook.baseDir().resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw CellError.of("'" + name + "' is not a file name: " + e.getReason());
    }
  }

  private static String read(Path file) throws CellError {
    if (!Files.isRegularFile(file)) {
      throw CellError.of("%sweep: no file " + file + " (a %sweep path is relative to the notebook's folder)");
    }
    try {
      return Parsing.withoutBom(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw CellError.of("%sweep: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The sweep in the notebook: its table of runs redrawn in place, a line for each run that does not end done. */
  private static final class LiveView implements SweepDriver.View {
    private final CellOutput out;
    private DisplayHandle table;

    LiveView(CellOutput out) {
      this.out = out;
    }

    @Override
    public synchronized void progress(Sweep sweep, List<RunProgress> runs) {
      Table t = ProgressTable.of(sweep.path().getFileName() + ": " + ProgressTable.counts(runs), runs);
      if (table == null) {
        table = out.display(t);
      } else {
        table.update(t);
      }
    }

    synchronized void last(Sweep sweep) {
      progress(sweep, SweepDriver.progress(sweep));
    }

    @Override
    public void ended(RunEntry run, List<String> logTail) {
      if (run.status() != RunState.DONE) {
        StringBuilder text = new StringBuilder(run.id()).append(": ").append(run.status().label());
        if (run.message() != null) {
          text.append(" (").append(run.message()).append(')');
        }
        logTail.forEach(line -> text.append("\n  | ").append(line));
        out.printError(text.append('\n').toString());
      }
    }

    @Override
    public void note(String line) {
      out.printError(line + "\n");
    }
  }
}
