package dev.verity.kernel.sweep;

import dev.verity.engine.checkpoint.AtomicFiles;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.run.EvalRow;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.train.StepMetrics;
import dev.verity.kernel.stats.MeanCi;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A sweep's records over seeds: for every variant, stage, step and metric of metrics.csv the number of runs that
 * have it, their mean, standard deviation and the mean's 95% interval (summary.csv); the same for every
 * evaluation in eval.csv, by task (eval_summary.csv). Clock-measured columns (tokens/s, elapsed time) are left
 * out: they measure the machine, not the experiment. Only runs that are done count.
 */
public final class Summaries {
  /** The figures of eval.csv summarised, in its order: every overall evaluation metric. */
  public static final List<String> EVAL_METRICS = Metric.evalOverall().stream().map(Metric::id).toList();

  private Summaries() {}

  /** A variant and its finished runs. */
  public record Group(String label, List<RunDirectory> runs) {
    public Group {
      runs = List.copyOf(runs);
    }
  }

  /** The done runs of {@code sweep}, by variant in the grid's order (variants without a done run left out). */
  public static List<Group> groups(Sweep sweep) {
    Map<String, List<RunDirectory>> byVariant = new LinkedHashMap<>();
    sweep.record().runs().forEach(r -> byVariant.putIfAbsent(r.variant(), new ArrayList<>()));
    for (RunEntry run : sweep.doneRuns()) {
      try {
        byVariant.get(run.variant()).add(RunDirectory.openReadOnly(sweep.runDir(run.id()).orElseThrow()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    List<Group> groups = new ArrayList<>();
    byVariant.forEach((label, runs) -> {
      if (!runs.isEmpty()) {
        groups.add(new Group(label, runs));
      }
    });
    return groups;
  }

  /** Writes summary.csv, eval_summary.csv and the charts of {@code sweep}'s done runs; returns the files written. */
  public static List<Path> write(Sweep sweep) throws IOException {
    List<Group> groups = groups(sweep);
    Table metrics = metrics(sweep, groups); // a kept sweep's steps are gone: its summary.csv stays as it was
    Table evals = evals(groups);
    List<Path> written = new ArrayList<>();
    written.add(writeCsv(metrics, sweep.path().resolve(Sweep.SUMMARY)));
    written.add(writeCsv(evals, sweep.path().resolve(Sweep.EVAL_SUMMARY)));
    written.addAll(SweepCharts.write(SweepCharts.standard(metrics, evals), sweep.chartsDir()));
    return written;
  }

  private static Path writeCsv(Table table, Path file) throws IOException {
    StringWriter text = new StringWriter();
    table.write().csv(text);
    AtomicFiles.writeString(file, text.toString());
    return file;
  }

  /**
   * summary.csv's rows for {@code sweep}: computed from its runs, or, for a sweep kept without per-step records
   * (scripts/keep-sweep.sh keeps each run's evaluations only), read from its summary.csv as written when it ran.
   */
  public static Table metrics(Sweep sweep, List<Group> groups) throws IOException {
    Path summary = sweep.path().resolve(Sweep.SUMMARY);
    boolean kept = false;
    for (Group g : groups) {
      for (RunDirectory run : g.runs()) {
        kept |= !run.records().hasSteps();
      }
    }
    if (!kept || !Files.exists(summary)) {
      return metrics(groups);
    }
    Table shape = metrics(List.of());
    ColumnType[] types = shape.columns().stream().map(c -> c.type()).toArray(ColumnType[]::new);
    Table read = Table.read().usingOptions(CsvReadOptions.builder(summary.toFile()).columnTypes(types)
        .missingValueIndicator("").tableName(shape.name()));
    if (!read.columnNames().equals(shape.columnNames())) {
      throw new IOException(summary + " has the columns " + read.columnNames() + ", not " + shape.columnNames()
          + ": it was not written by `verity sweep`");
    }
    return read;
  }

  /** summary.csv's rows: variant, stage, step, metric, n, mean, sd, ci95_low, ci95_high. */
  public static Table metrics(List<Group> groups) throws IOException {
    Rows rows = new Rows("summary", List.of());
    List<String> columns = StepMetrics.COLUMNS.subList(2, StepMetrics.COLUMNS.size()).stream()
        .filter(c -> !StepMetrics.TIMING.contains(c)).toList();
    for (Group group : groups) {
      Map<List<Object>, Map<String, List<Double>>> cells = new LinkedHashMap<>();
      for (RunDirectory run : group.runs()) {
        for (StepMetrics m : run.records().metrics()) {
          Map<String, List<Double>> values =
              cells.computeIfAbsent(List.of(m.stage(), m.step()), k -> new LinkedHashMap<>());
          for (String column : columns) {
            values.computeIfAbsent(column, k -> new ArrayList<>()).add(m.value(column));
          }
        }
      }
      cells.forEach((key, values) -> values.forEach((metric, list) ->
          rows.add(group.label(), (String) key.get(0), (Long) key.get(1), List.of(), metric, list)));
    }
    return rows.table();
  }

  /** eval_summary.csv's rows: variant, stage, step, task, metric, n, mean, sd, ci95_low, ci95_high. */
  public static Table evals(List<Group> groups) throws IOException {
    Rows rows = new Rows("eval summary", List.of("task"));
    Map<String, Function<EvalRow, Double>> figures = new LinkedHashMap<>();
    Metric.evalOverall().forEach(m -> figures.put(m.id(), e -> e.get(m)));
    for (Group group : groups) {
      Map<List<Object>, Map<String, List<Double>>> cells = new LinkedHashMap<>();
      for (RunDirectory run : group.runs()) {
        for (EvalRow e : run.records().eval()) {
          Map<String, List<Double>> values =
              cells.computeIfAbsent(List.of(e.stage(), e.step(), e.task()), k -> new LinkedHashMap<>());
          figures.forEach((metric, f) -> values.computeIfAbsent(metric, k -> new ArrayList<>()).add(f.apply(e)));
        }
      }
      cells.forEach((key, values) -> values.forEach((metric, list) -> rows.add(group.label(), (String) key.get(0),
          (Long) key.get(1), List.of((String) key.get(2)), metric, list)));
    }
    return rows.table();
  }

  /** Summary rows as they are added, with extra text columns between step and metric. */
  private static final class Rows {
    private final String name;
    private final List<String> extra;
    private final StringColumn variant = StringColumn.create("variant");
    private final StringColumn stage = StringColumn.create("stage");
    private final IntColumn step = IntColumn.create("step");
    private final List<StringColumn> extras = new ArrayList<>();
    private final StringColumn metric = StringColumn.create("metric");
    private final IntColumn n = IntColumn.create("n");
    private final DoubleColumn mean = DoubleColumn.create("mean");
    private final DoubleColumn sd = DoubleColumn.create("sd");
    private final DoubleColumn low = DoubleColumn.create("ci95_low");
    private final DoubleColumn high = DoubleColumn.create("ci95_high");

    Rows(String name, List<String> extra) {
      this.name = name;
      this.extra = extra;
      extra.forEach(e -> extras.add(StringColumn.create(e)));
    }

    /** A row of the values that are numbers; none when every run lacks the metric there (sft has no reward). */
    void add(String variantLabel, String stageName, long stepNumber, List<String> extraValues, String metricName,
        List<Double> values) {
      double[] present = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
      if (present.length == 0) {
        return;
      }
      MeanCi ci = MeanCi.of(present);
      variant.append(variantLabel);
      stage.append(stageName);
      step.append(Math.toIntExact(stepNumber));
      for (int i = 0; i < extra.size(); i++) {
        extras.get(i).append(extraValues.get(i));
      }
      metric.append(metricName);
      n.append(ci.n());
      mean.append(ci.mean());
      sd.append(ci.sd());
      low.append(ci.low());
      high.append(ci.high());
    }

    Table table() {
      Table t = Table.create(name, variant, stage, step);
      extras.forEach(t::addColumns);
      return t.addColumns(metric, n, mean, sd, low, high);
    }
  }
}
