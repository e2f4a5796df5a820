package dev.verity.kernel.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.engine.checkpoint.AtomicFiles;
import dev.verity.engine.run.JsonProblem;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A sweep directory, {@code sweeps/<experiment>-<yyyyMMdd-HHmmss>/}: sweep.json, a copy of the experiment file,
 * {@code runs/<id>/} holding each run's ordinary run directory, {@code logs/<id>.log} with each run's output,
 * {@code status/<id>.exit} with its exit status once it ended, the summaries and charts, and {@code slurm/} with
 * the batch scripts submitted. sweep.json is kept here in memory and replaced atomically on every change.
 */
public final class Sweep {
  public static final String JSON = "sweep.json";
  public static final String SOURCE = "experiment.verity";
  public static final String RUNS = "runs";
  public static final String LOGS = "logs";
  public static final String STATUS = "status";
  public static final String SLURM = "slurm";
  public static final String CHARTS = "charts";
  public static final String SUMMARY = "summary.csv";
  public static final String EVAL_SUMMARY = "eval_summary.csv";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path root;
  private SweepRecord record;

  private Sweep(Path root, SweepRecord record) {
    this.root = root;
    this.record = record;
  }

  /**
   * A new sweep directory under {@code parent}, named after the experiment and the clock's local time ({@code -2},
   * {@code -3}… when taken), holding {@code record}, a copy of the experiment's source and the empty folders.
   */
  public static Sweep create(Path parent, SweepRecord record, String source, Clock clock) throws IOException {
    Files.createDirectories(parent);
    String base = RunDirectory.fileName(record.experiment()) + "-" + STAMP.format(LocalDateTime.now(clock));
    for (int n = 1; ; n++) {
      Path dir = parent.resolve(n == 1 ? base : base + "-" + n).toAbsolutePath().normalize();
      try {
        Files.createDirectory(dir); // fails if taken, so two sweeps never share a directory
      } catch (FileAlreadyExistsException taken) {
        continue;
      }
      for (String folder : List.of(RUNS, LOGS, STATUS)) {
        Files.createDirectories(dir.resolve(folder));
      }
      AtomicFiles.writeString(dir.resolve(SOURCE), source);
      Sweep sweep = new Sweep(dir, record);
      sweep.save();
      return sweep;
    }
  }

  /** The sweep in {@code dir}, or an error saying why it is not one. */
  public static Sweep open(Path dir) throws IOException {
    Path json = dir.resolve(JSON);
    if (!Files.isRegularFile(json)) {
      throw new IOException(dir + " is not a sweep directory: it has no " + JSON);
    }
    try {
      return new Sweep(dir.toAbsolutePath().normalize(), MAPPER.readValue(json.toFile(), SweepRecord.class));
    } catch (JacksonException e) {
      // the runs are whole run directories even when their record is damaged: compare can still read them
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new IOException(json + (line > 0 ? ":" + line : "") + ": " + JsonProblem.describe(e) + "; " + JSON
          + " is damaged: restore it as Verity wrote it, or compare the runs without it: `verity compare "
          + dir.resolve(RUNS) + "`", e);
    }
  }

  /** Whether {@code dir} holds a sweep.json. */
  public static boolean isSweep(Path dir) {
    return Files.isRegularFile(dir.resolve(JSON));
  }

  public Path path() {
    return root;
  }

  public synchronized SweepRecord record() {
    return record;
  }

  /** Applies {@code change} to the run {@code id} and writes sweep.json. */
  synchronized RunEntry update(String id, UnaryOperator<RunEntry> change) {
    record = record.withRun(id, change);
    save();
    return record.run(id);
  }

  /** Applies {@code change} to the whole record and writes sweep.json. */
  synchronized void update(UnaryOperator<SweepRecord> change) {
    record = change.apply(record);
    save();
  }

  private void save() {
    try {
      byte[] bytes = MAPPER.writeValueAsBytes(record);
      AtomicFiles.write(root.resolve(JSON), out -> {
        out.write(bytes);
        out.write('\n');
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + root.resolve(JSON) + ": " + e.getMessage(), e);
    }
  }

  // ---- each run's files

  /** The folder run {@code id}'s run directory is created in ({@code verity run --out}). */
  public Path runFolder(String id) {
    return root.resolve(RUNS).resolve(id);
  }

  public Path log(String id) {
    return root.resolve(LOGS).resolve(id + ".log");
  }

  /** Where the process of run {@code id} leaves its exit status, one number and a line break, once it ends. */
  public Path exitFile(String id) {
    return root.resolve(STATUS).resolve(id + ".exit");
  }

  public Path slurmDir() {
    return root.resolve(SLURM);
  }

  public Path chartsDir() {
    return root.resolve(CHARTS);
  }

  /** Run {@code id}'s run directory, once its process has made one: the newest with a manifest in its folder. */
  public Optional<Path> runDir(String id) {
    Path folder = runFolder(id);
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children.filter(RunDirectory::isRun)
          .max(Comparator.comparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Run {@code id}'s directory, recorded in sweep.json as soon as it is seen. */
  Optional<Path> noteRunDir(String id) {
    Optional<Path> dir = runDir(id);
    if (dir.isPresent() && record().run(id).dir() == null) {
      String relative = root.relativize(dir.get()).toString();
      update(id, r -> r.withDir(relative));
    }
    return dir;
  }

  /** What run {@code id}'s manifest says, when it has one that reads. */
  public Optional<RunStatus> manifestStatus(String id) {
    return runDir(id).flatMap(dir -> {
      try {
        return Optional.of(RunDirectory.openReadOnly(dir).manifest().status());
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  /** The exit status run {@code id}'s process left, if it has ended. */
  public Optional<Integer> exitCode(String id) {
    try {
      return Optional.of(Integer.parseInt(Files.readString(exitFile(id), StandardCharsets.UTF_8).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The last {@code lines} lines of run {@code id}'s log (and of Slurm's own output for its task, if any). */
  public List<String> logTail(String id, int lines) {
    List<String> tail = new ArrayList<>(tail(log(id), lines));
    RunEntry entry = record().run(id);
    if (entry.slurmJob() != null) {
      Path slurmOut = root.resolve(LOGS).resolve("slurm-" + entry.slurmJob() + "_" + entry.slurmTask() + ".out");
      List<String> slurm = tail(slurmOut, lines);
      if (!slurm.isEmpty()) {
        tail.add("(" + root.relativize(slurmOut) + ":)");
        tail.addAll(slurm);
      }
    }
    return tail;
  }

  private static List<String> tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Whether run {@code id} is done as its own directory says: the directory is there and its manifest says done.
   * sweep.json alone does not tell: a run directory may be deleted or moved out of the sweep after it ended.
   */
  private boolean finished(String id) {
    return manifestStatus(id).orElse(null) == RunStatus.DONE;
  }

  /** The runs whose run directory says done, by variant in the grid's order: what summaries and compare read. */
  public List<RunEntry> doneRuns() {
    return record().runs().stream().filter(r -> finished(r.id())).toList();
  }
}
