package dev.verity.engine.run;

import dev.verity.engine.checkpoint.AtomicFiles;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The directory a run writes as it goes, {@code runs/<experiment>-<yyyyMMdd-HHmmss>/} ({@link RunNames}): the
 * source executed, the manifest, metrics, evaluations, rollouts and the doctor's findings, charts and checkpoints.
 * Records are appended as whole lines and the manifest and source are replaced atomically, so a process killed at
 * any instant leaves a directory whose every file reads back as a prefix of what was written; {@link #open} mends
 * the one partial line it may leave. This class is the one door to those files; each kind of file has a class of
 * its own behind it.
 */
public final class RunDirectory {
  public static final String SOURCE = "experiment.verity";
  public static final String MANIFEST = "manifest.json";
  public static final String METRICS = "metrics.csv";
  public static final String EVAL = "eval.csv";
  public static final String EVAL_LEVELS = "eval_levels.csv";
  public static final String ROLLOUTS = "rollouts.jsonl";
  public static final String DOCTOR = "doctor.jsonl";
  public static final String CHARTS = "charts";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String SAVED = "saved";
  /** The jars of Java classes a run was given ({@code --classpath}), with their hashes; absent without any. */
  public static final String JARS = "jars.json";

  private final Path root;
  private final String experiment;
  private final Clock clock;
  private final boolean writable;
  private final RunRecords records;
  private final ManifestFile manifest;
  private final SourceRecord source;
  private final JarsFile jars;

  private RunLock lock; // held by a writer from its create or open to the run's end

  private RunDirectory(Path root, String experiment, Clock clock, boolean writable) {
    this.root = root;
    this.experiment = experiment;
    this.clock = clock;
    this.writable = writable;
    this.records = new RunRecords(root);
    this.manifest = new ManifestFile(root.resolve(MANIFEST));
    this.source = new SourceRecord(root.resolve(SOURCE));
    this.jars = new JarsFile(root.resolve(JARS));
  }

  /**
   * A new run directory under {@code runsRoot} named after the experiment (made safe for a file name) and the
   * clock's local time; {@code -2}, {@code -3}… is added when that name is taken.
   */
  public static RunDirectory create(Path runsRoot, String experiment, Clock clock) throws IOException {
    Files.createDirectories(runsRoot);
    String base = RunNames.stamped(experiment, clock);
    for (int n = 1; ; n++) {
      Path dir = runsRoot.resolve(n == 1 ? base : base + "-" + n);
      try {
        Files.createDirectory(dir); // fails if taken, so two processes never share a directory
      } catch (FileAlreadyExistsException taken) {
        continue;
      }
      RunDirectory run = new RunDirectory(dir, experiment, clock, true);
      try {
        run.lock = RunLock.acquire(dir);
        run.prepare();
      } catch (IOException | RuntimeException e) {
        run.abandon(e);
        throw e;
      }
      return run;
    }
  }

  /** {@link #create(Path, String, Clock)} on the system clock, in the machine's time zone. */
  public static RunDirectory create(Path runsRoot, String experiment) throws IOException {
    return create(runsRoot, experiment, Clock.systemDefaultZone());
  }

  /**
   * An existing run to continue: drops a partial line a killed process left at the end of a record file, adds
   * any missing file, and brings the manifest's source hash up to date. See {@link #truncateAfter} to go back
   * to a checkpoint.
   */
  public static RunDirectory open(Path existing, Clock clock) throws IOException {
    RunDirectory run = new RunDirectory(requireRun(existing), RunNames.experimentOf(existing), clock, true);
    run.lock = RunLock.acquire(run.root); // before anything is mended: another process may be writing it
    try {
      run.prepare();
      for (Path dir : List.of(run.root, run.checkpointsDir(), run.chartsDir())) {
        AtomicFiles.removeUnfinished(dir); // a write killed before its rename
      }
      run.records.repair();
      run.manifest.sourceChanged(sha256(run.source()));
    } catch (IOException | RuntimeException e) {
      run.release(); // refused or damaged: this process does not write it after all
      throw e;
    }
    return run;
  }

  /** {@link #open(Path, Clock)} on the system clock. */
  public static RunDirectory open(Path existing) throws IOException {
    return open(existing, Clock.systemDefaultZone());
  }

  /** An existing run to read and nothing else: safe on a run another process is still writing. */
  public static RunDirectory openReadOnly(Path existing) throws IOException {
    return new RunDirectory(requireRun(existing), RunNames.experimentOf(existing), Clock.systemDefaultZone(), false);
  }

  /** {@code name} made safe as a file name: letters, digits, '.', '_' and '-', at most 64 characters. */
  public static String fileName(String name) {
    return RunNames.fileName(name);
  }

  public Path path() {
    return root;
  }

  public Path sourceFile() {
    return root.resolve(SOURCE);
  }

  public Path manifestFile() {
    return manifest.path();
  }

  /** Where the kernel writes chart PNGs. */
  public Path chartsDir() {
    return root.resolve(CHARTS);
  }

  public Path checkpointsDir() {
    return root.resolve(CHECKPOINTS);
  }

  /** Where a replay's {@code save} statements write, so a replay never writes outside its own directory. */
  public Path savedDir() {
    return root.resolve(SAVED);
  }

  // ---- experiment.verity

  /** The whole source of a headless run. */
  public synchronized void writeSource(String source) throws IOException {
    requireWritable();
    manifest.sourceChanged(this.source.write(source));
  }

  /**
   * Adds an executed notebook cell, forced to the disk before this returns, so the cell is recorded before it
   * runs; the manifest's {@code source_sha256} follows at its next write (see {@link SourceRecord#append}).
   */
  public synchronized void appendSource(String cellSource) throws IOException {
    requireWritable();
    manifest.sourceAppended(source.append(cellSource));
  }

  /** Whether {@code source} is what a run recorded as {@code sha256}, or that followed by appended cells. */
  public static boolean isRecordedSource(String source, String sha256) {
    return SourceRecord.isRecorded(source, sha256);
  }

  /** The source executed so far; empty before any. */
  public String source() throws IOException {
    return source.read();
  }


  // ---- jars.json

  /** Records the jars of Java classes the run is given, with their hashes (see {@link RecordedJar}). */
  public synchronized void writeJars(List<RecordedJar> jars) throws IOException {
    requireWritable();
    this.jars.write(jars);
  }

  /** The jars the run recorded; none when it was given none (or recorded before jars were). */
  public List<RecordedJar> readJars() throws IOException {
    return jars.read();
  }

  // ---- manifest.json

  /**
   * Writes the manifest of a run starting now: status running, the source's hash as it stands, and how it runs.
   *
   * @throws IllegalStateException when the run has started before; continue it with {@link #resume}
   */
  public synchronized Manifest start(RunSettings settings, Manifest.Versions versions) throws IOException {
    requireWritable();
    Manifest m = Manifest.running(experiment, sha256(source()), settings.seed(), settings.overrides(), versions,
        settings.threads(), settings.device(), now())
        .withCheckpointEvery(settings.checkpointEvery())
        .withKeepCheckpoints(settings.keepCheckpoints());
    m = settings.baseDir().map(m::withBaseDir).orElse(m);
    m = settings.replayOf().map(m::withReplayOf).orElse(m);
    manifest.create(m);
    return m;
  }

  /**
   * Marks the run running again: one that failed or was interrupted, or one still marked running because its
   * process was killed. A done run has nothing left to run and is refused.
   */
  public Manifest resume() throws IOException {
    return updateManifest(m -> m.status() == RunStatus.RUNNING ? m : m.withStatus(RunStatus.RUNNING, now()));
  }

  /** Marks the run done or interrupted, now, and lets another process continue it. */
  public Manifest finish(RunStatus status) throws IOException {
    try {
      return updateManifest(m -> m.withStatus(status, now()));
    } finally {
      release();
    }
  }

  /** Marks the run failed now, with {@code message}, and lets another process continue it. */
  public Manifest fail(String message) throws IOException {
    try {
      return updateManifest(m -> m.failed(message, now()));
    } finally {
      release();
    }
  }

  /**
   * Gives up this process's hold on the run (see {@link RunLock}); a run's end does it. Synchronized: a second
   * Ctrl-C ends the run from another thread than the one finishing it.
   */
  public synchronized void release() throws IOException {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  /**
   * Removes a run directory this process created and could not start ({@code cause}: why), lock and all: nothing
   * in it is anyone's yet, and a half-made directory without a manifest would only be refused later.
   */
  void abandon(Exception cause) {
    try {
      release();
      try (java.util.stream.Stream<Path> files = Files.walk(root)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException | RuntimeException cleanup) {
      cause.addSuppressed(cleanup);
    }
  }

  /** Reads manifest.json back. */
  public Manifest manifest() throws IOException {
    return manifest.read();
  }

  /** Replaces the manifest, atomically, with {@code change} applied to it. */
  public Manifest updateManifest(UnaryOperator<Manifest> change) throws IOException {
    requireWritable();
    return manifest.update(change);
  }

  // ---- records

  // Every append first enters a new stage in the manifest's timeline, so the timeline lists every stage that
  // has a record anywhere, in the order they began.

  /** Appends a step's row to metrics.csv. */
  public void appendMetrics(StepMetrics row) throws IOException {
    requireWritable();
    manifest.noteStages(List.of(row.stage()));
    records.appendMetrics(row);
  }

  /**
   * Appends the per-level rows to eval_levels.csv, then the overall row to eval.csv: an overall row means its
   * levels are written, and {@link #open} drops the levels of an evaluation killed before its overall row.
   */
  public void appendEval(EvalReport report) throws IOException {
    requireWritable();
    manifest.noteStages(List.of(report.stage()));
    records.appendEval(report);
  }

  /** Appends a step's rollouts in one write. */
  public void appendRollouts(List<RolloutRecord> rows) throws IOException {
    requireWritable();
    manifest.noteStages(rows.stream().map(RolloutRecord::stage).distinct().toList());
    records.appendRollouts(rows);
  }

  /** Appends a finding of the doctor to doctor.jsonl. */
  public void appendFinding(Finding finding) throws IOException {
    requireWritable();
    manifest.noteStages(List.of(finding.stage()));
    records.appendFinding(finding);
  }

  /** A listener that records every step and evaluation here, then passes them on to {@code next}. */
  public StageListener recording(StageListener next) {
    return new RecordingListener(this, next);
  }

  /** The run's metrics, evaluations, rollouts and findings, to read. */
  public RunRecords records() {
    return records;
  }

  /**
   * Cuts every record file back to the end of {@code stage}'s step {@code lastStep} (-1: before its first), so
   * a run resumed from the checkpoint taken after that step appends exactly where it left off. Records of later
   * steps, and of stages that began after {@code stage} (by the manifest's timeline), go. Evaluations are
   * labelled with the count of steps done, so those at {@code lastStep + 1} stay.
   */
  public synchronized void truncateAfter(String stage, long lastStep) throws IOException {
    requireWritable();
    List<String> timeline = manifest().stages();
    int at = timeline.indexOf(stage);
    List<String> earlier = at < 0 ? timeline : timeline.subList(0, at);
    AppendFiles.Keep keep = new AppendFiles.Keep(new HashSet<>(earlier), stage, lastStep);
    records.cut(keep);
    if (at >= 0) {
      manifest.update(m -> m.withStages(timeline.subList(0, at + 1)));
    }
  }

  // ---- charts

  /**
   * Writes a chart as {@code charts/<name>.png}: replacing one of that name, or else as {@code <name>-2.png}…
   * when taken (a notebook cell run twice keeps both).
   */
  synchronized Path writeChart(String name, byte[] png, boolean replace) throws IOException {
    requireWritable();
    Path file = chartsDir().resolve(name + ".png");
    for (int n = 2; !replace && Files.exists(file); n++) {
      file = chartsDir().resolve(name + "-" + n + ".png");
    }
    AtomicFiles.write(file, out -> out.write(png));
    return file;
  }

  /** Whether {@code dir} is a run directory: one with a manifest. */
  public static boolean isRun(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  // ---- checkpoints

  /** Where {@code stage}'s checkpoint to resume at {@code step} goes: {@code <stage>-step-000120.ckpt}. */
  public Path checkpointFile(String stage, long step) {
    return CheckpointFiles.file(checkpointsDir(), stage, step);
  }

  /** {@code stage}'s checkpoint of the highest step, if any. */
  public Optional<Path> latestCheckpoint(String stage) throws IOException {
    return CheckpointFiles.latest(checkpointsDir(), stage);
  }

  /**
   * After {@code kept}, a checkpoint of {@code stage}, is in place: deletes the stage's older checkpoints beyond
   * what {@code keep} keeps. Never call it before {@code kept} is complete: it may be the only one left.
   */
  public void pruneCheckpoints(String stage, KeepCheckpoints keep, Path kept) throws IOException {
    requireWritable();
    CheckpointFiles.prune(checkpointsDir(), stage, keep, kept);
  }

  // ---- helpers

  /** The clock's time to the millisecond, which is as fine as a manifest reader needs. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void prepare() throws IOException {
    Files.createDirectories(chartsDir());
    Files.createDirectories(checkpointsDir());
    records.create();
  }

  private static Path requireRun(Path dir) throws RunFormatException {
    if (!Files.isDirectory(dir)) {
      throw new RunFormatException(dir + ": no such run directory");
    }
    return dir;
  }

  private void requireWritable() {
    if (!writable) {
      throw new IllegalStateException(root + " was opened read-only; use RunDirectory.open to continue the run");
    }
  }

  /** The hash a manifest records of its experiment.verity ({@code source_sha256}), for checking a source against it. */
  public static String sha256(String text) {
    return SourceRecord.sha256(text);
  }
}
