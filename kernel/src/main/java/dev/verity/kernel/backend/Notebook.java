package dev.verity.kernel.backend;

import ai.djl.Device;
import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.exec.Cells;
import dev.verity.dsl.exec.ExecutionListener;
import dev.verity.dsl.exec.Interrupted;
import dev.verity.dsl.exec.Outcome;
import dev.verity.dsl.exec.Session;
import dev.verity.dsl.exec.SessionScript;
import dev.verity.dsl.plan.Action;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.user.JavaClasses;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One notebook's experiment: the DSL session, the run directory recording it, and the {@code VERITY_SET}
 * overrides every cell gets. Session and run directory start with the first cell that compiles (loading PyTorch
 * then, not at kernel start); the run is named after that cell's {@code experiment} statement, else
 * {@value #UNNAMED}. Cells run one at a time; {@link #requestStop} comes from another thread.
 */
final class Notebook implements AutoCloseable {
  static final String UNNAMED = "notebook";
  static final String RUNS = "runs";

  private final Path baseDir;
  private final List<String> overrideTexts;
  private final Overrides overrides;
  private final Clock clock;
  private final List<String> warnings = new ArrayList<>();
  private volatile Session session; // null until the first cell compiles
  private SessionRecord record = new SessionRecord(Optional.empty());
  private String name = UNNAMED;
  private OptionalLong pendingSeed = OptionalLong.empty();
  private Optional<Device> pendingDevice = Optional.empty();
  private final List<JavaRan> pendingJava = new ArrayList<>(); // Java cells run before the run directory opened
  private volatile Runnable interruptMagic = () -> {}; // what an interrupt stops besides training: a %sweep

  /**
   * @param baseDir the notebook's folder: relative paths in cells resolve against it, runs go to its runs/
   * @param overrides {@code NAME.SETTING=VALUE} texts applied to every cell that holds their target
   */
  Notebook(Path baseDir, List<String> overrides, Clock clock) {
    this.baseDir = baseDir.toAbsolutePath().normalize();
    this.overrideTexts = List.copyOf(overrides);
    this.overrides = Overrides.parse(Overrides.ENVIRONMENT, overrides).whereTheyMatch();
    this.clock = clock;
  }

  Path baseDir() {
    return baseDir;
  }

  Path runsDir() {
    return baseDir.resolve(RUNS);
  }

  /** The names bound so far, for completion. */
  Environment environment() {
    Session s = session;
    return s == null ? Environment.EMPTY : s.environment();
  }

  /** The DSL session, once a cell has run. */
  Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  /** The run's recorder, once a cell has run and if its directory could be created. */
  synchronized Optional<Recorder> recorder() {
    return record.run();
  }

  /**
   * Compiles {@code source} (called {@code file} in its diagnostics) against the session so far; when it
   * compiles, records it under {@code # comment} and runs it.
   */
  synchronized Outcome run(String source, String file, String comment, ExecutionListener listener) {
    Compilation compiled = compile(source, file);
    if (!compiled.ok()) {
      return new Outcome.Rejected(compiled.diagnostics());
    }
    if (session == null) {
      Optional<Action.Experiment> experiment = experimentOf(compiled);
      open(experiment.map(Action.Experiment::name).orElse(UNNAMED),
          experiment.map(Action.Experiment::seed).orElse(pendingSeed.orElse(0)));
    } else {
      // The run directory is named once, by the cell that opened it; a later statement only re-seeds.
      experimentOf(compiled).filter(e -> !e.name().equals(name)).ifPresent(e -> warnings.add(e.span().file() + ":"
          + e.span().position() + ": warning: this session's run is already named '" + name + "': this experiment"
          + " statement sets the seed of what follows (seed " + e.seed() + ", as %seed " + e.seed() + " would) but"
          + " not the run's name; restart the kernel to record a run named '" + e.name() + "'"));
    }
    if (pendingSeed.isPresent()) {
      long seed = pendingSeed.getAsLong();
      pendingSeed = OptionalLong.empty();
      Outcome seeded = runSeed(seed);
      if (!(seeded instanceof Outcome.Done)) {
        return seeded; // only an override such as experiment.seed=-1 breaks it, and that is worth its error
      }
      compiled = compile(source, file); // against the environment the seed left, so it stays in the session
      if (!compiled.ok()) {
        return new Outcome.Rejected(compiled.diagnostics());
      }
    }
    // settings that run but cannot learn: shown with the cell's other warnings, on stderr, placed as errors are
    compiled.warnings().list().forEach(w -> warnings.add(w.render()));
    return execute(compiled, source, comment, listener);
  }

  /**
   * {@code %seed N}: runs and records {@code experiment "NAME" seed N}, so a replay draws the same numbers. Before
   * the first cell it waits for that cell, whose {@code experiment} statement may name the run.
   */
  synchronized Outcome seed(long seed) {
    if (session == null) {
      pendingSeed = OptionalLong.of(seed);
      return new Outcome.Done(List.of());
    }
    return runSeed(seed);
  }

  /** A Java cell that ran: its label and the Java that ran. */
  private record JavaRan(String label, String java) {}

  /**
   * Records a Java cell that ran (its label and the Java that ran), so a replay defines its classes again; before
   * the first DSL cell starts the run, it waits for that.
   */
  synchronized void recordJava(String label, String java) {
    if (session == null) {
      pendingJava.add(new JavaRan(label, java));
      return;
    }
    try {
      record.appendJava(label, java);
    } catch (IOException | RuntimeException e) {
      warn("could not add the Java cell " + label + " to the record of " + record.run()
          .map(r -> r.path().toString()).orElse("the session") + ": " + e.getMessage()
          + "; a replay of the run will lack its classes");
    }
  }

  /** {@code %device}: where models declared from now on are created. */
  synchronized void device(Device device) {
    if (session == null) {
      pendingDevice = Optional.of(device);
    } else {
      session.setDevice(device);
    }
  }

  /** Everything run so far as one experiment file; empty before the first cell ran. */
  synchronized Optional<String> exportText() {
    return record.isEmpty() ? Optional.empty() : Optional.of(record.text());
  }

  /** While a magic runs work of its own (a sweep's runs), {@code stop} is what an interrupt calls; null: none. */
  void onInterrupt(Runnable stop) {
    interruptMagic = stop == null ? () -> {} : stop;
  }

  /** Asks a running training stage (or a magic's work) to stop after its current step; safe from any thread. */
  void requestStop() {
    interruptMagic.run();
    Session s = session;
    if (s != null) {
      s.requestStop();
    }
  }

  /** A warning without a place: {@code warning: …}. */
  private void warn(String message) {
    warnings.add("warning: " + message);
  }

  /**
   * Problems met since the last call, each as it is shown: the checker's warnings on the cells run, placed as its
   * errors are ({@code cell[3]:5:7: warning: …} and the line), and recording failures ({@code warning: …}: the
   * session runs on without its record).
   */
  synchronized List<String> takeWarnings() {
    List<String> taken = List.copyOf(warnings);
    warnings.clear();
    return taken;
  }

  /** Stops what runs, marks the run done and frees the models. */
  @Override
  public void close() {
    requestStop();
    synchronized (this) {
      try {
        record.finish();
      } catch (IOException | RuntimeException e) {
        warn("could not mark the run done in its manifest: " + e.getMessage());
      }
      if (session != null) {
        session.close();
      }
    }
  }

  private Compilation compile(String source, String file) {
    Session s = session;
    return s == null ? Compiler.compile(source, file, baseDir, Environment.EMPTY, overrides)
        : s.compile(source, file, overrides);
  }

  private Outcome runSeed(long seed) {
    String experiment = session.environment().experiment().map(Environment.Experiment::name).orElse(name);
    String statement = "experiment " + quote(experiment) + " seed " + seed;
    return execute(compile(statement, "%seed"), statement, "%seed " + seed, ExecutionListener.NONE);
  }

  private Outcome execute(Compilation compiled, String source, String comment, ExecutionListener listener) {
    if (compiled.ok()) {
      try {
        record.append(comment, source);
        record.jars(JavaClasses.jars());
      } catch (IOException | RuntimeException e) {
        warn("could not add this cell to the record of " + record.run().map(r -> r.path().toString())
            .orElse("the session") + ": " + e.getMessage() + "; a replay of the run will lack it");
      }
    }
    Outcome outcome = Cells.run(session, compiled, source, listener);
    if (outcome instanceof Outcome.Stopped stopped) {
      // A replay stops the stage where the user did, and goes on with the next cell, as the session did.
      Interrupted at = stopped.interruption();
      try {
        record.note(at.stage().isEmpty() ? SessionScript.stopBeforeNote(at.line())
            : SessionScript.stopNote(at.stage(), at.stepsDone(), at.steps()));
      } catch (IOException | RuntimeException e) {
        warn("could not note the interrupt in the record: " + e.getMessage());
      }
    }
    return outcome;
  }

  /** Starts the session, and its run directory under runs/ (without one, with a warning, if it cannot). */
  private void open(String experiment, long seed) {
    Device device = pendingDevice.orElseGet(TorchRuntime::defaultDevice);
    Optional<Recorder> run = Optional.empty();
    try {
      RunSettings settings = RunSettings.of(seed, TorchRuntime.threads(), device.toString())
          .withOverrides(overrideTexts);
      run = Optional.of(Recorder.start(runsDir(), experiment, clock, Optional.empty(), settings));
    } catch (IOException | RuntimeException e) {
      warn("this session is not recorded: cannot write a run directory under " + runsDir() + " ("
          + e.getMessage() + "); start Jupyter in a folder you can write to keep a replayable record");
    }
    session = new Session(baseDir, run);
    session.setDevice(device);
    record = new SessionRecord(run);
    name = experiment;
    List<JavaRan> waiting = List.copyOf(pendingJava);
    pendingJava.clear();
    waiting.forEach(cell -> recordJava(cell.label(), cell.java()));
  }

  private static Optional<Action.Experiment> experimentOf(Compilation compiled) {
    return compiled.plan().orElseThrow().steps().stream()
        .filter(Action.Experiment.class::isInstance).map(Action.Experiment.class::cast).findFirst();
  }

  /** A DSL string literal of {@code text}. */
  static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
  }
}
