package dev.verity.kernel.sweep;

import dev.verity.engine.metric.Metric;
import dev.verity.engine.run.EvalRow;
import dev.verity.engine.run.RunDirectory;
import dev.verity.kernel.stats.Difference;
import dev.verity.kernel.stats.MeanCi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code verity compare}: the final evaluations of each variant — every evaluation's last row in each run —
 * with the mean over its runs and the mean's 95% interval (Student's t), and for each pair of variants the
 * difference of their means with its 95% interval, "not distinguishable" where that interval contains 0. Two
 * variants that ran the same seeds, each once, are compared seed by seed (paired t): a seed fixes the start and
 * the draws, so the spread between seeds, which both share, drops out. Otherwise Welch's t (Welch–Satterthwaite
 * degrees of freedom).
 */
public final class Comparison {
  /**
   * What {@link #compare} found: the means, and the pairs' differences; {@code evaluated}, whether the runs have
   * any evaluation; {@code unmeasured}, for each figure asked for that no final evaluation has a value of, a line
   * starting with its name that says so, names the runs, and lists the figures they do have.
   */
  public record Result(Table means, Table differences, boolean evaluated, List<String> unmeasured) {}

  /** A mistake in the folders given: one line saying what and why. */
  public static final class BadInput extends Exception {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message, null, false, false);
    }
  }

  private Comparison() {}

  /**
   * The variants in {@code dirs}: each sweep's (named after the sweep too when several folders are given); run
   * directories, given alone or in folders (or folders of folders, as a sweep's runs/), grouped by experiment,
   * source and overrides other than the seed (in any order), so the seeds of one setting form one variant. A run
   * reached twice counts once; runs not done are left out; both with a note.
   */
  public static List<Summaries.Group> groups(List<Path> dirs, List<String> notes) throws BadInput {
    return CompareInputs.groups(dirs, notes);
  }

  /** The final evaluations of {@code groups} in {@code metrics} (names of eval.csv's figures), and each pair. */
  public static Result compare(List<Summaries.Group> groups, List<String> metrics) throws IOException {
    // (eval, task) → variant → (step, values over runs) per metric
    Map<List<String>, Map<String, Finals>> byEval = new LinkedHashMap<>();
    Set<Metric> measured = EnumSet.noneOf(Metric.class); // the figures some final evaluation has a value of
    List<Path> runs = new ArrayList<>();
    for (Summaries.Group group : groups) {
      for (RunDirectory run : group.runs()) {
        runs.add(run.path());
        Map<List<String>, EvalRow> last = new LinkedHashMap<>();
        for (EvalRow row : run.records().eval()) {
          List<String> key = List.of(row.stage(), row.task());
          EvalRow before = last.get(key);
          if (before == null || row.step() >= before.step()) {
            last.put(key, row);
          }
        }
        last.values().forEach(row -> Metric.evalOverall().stream().filter(m -> !Double.isNaN(row.get(m)))
            .forEach(measured::add));
        long seed = run.manifest().seed();
        last.forEach((key, row) -> byEval.computeIfAbsent(key, k -> new LinkedHashMap<>())
            .computeIfAbsent(group.label(), k -> new Finals(row.step())).add(row, seed));
      }
    }
    MeansTable means = new MeansTable();
    DifferencesTable differences = new DifferencesTable();
    byEval.forEach((key, variants) -> {
      for (String metric : metrics) {
        Map<String, MeanCi> cis = new LinkedHashMap<>();
        variants.forEach((label, finals) -> {
          double[] values = finals.values(metric);
          if (values.length == 0) {
            return; // no run of this variant has the figure (fix_rate where nothing was corrected)
          }
          MeanCi ci = MeanCi.of(values);
          cis.put(label, ci);
          means.add(label, key.get(0), finals.step, key.get(1), metric, ci);
        });
        List<String> labels = new ArrayList<>(cis.keySet());
        for (int i = 0; i < labels.size(); i++) {
          for (int j = i + 1; j < labels.size(); j++) {
            Finals a = variants.get(labels.get(i));
            Finals b = variants.get(labels.get(j));
            Optional<double[][]> pairs = Finals.pairs(a, b, metric);
            if (pairs.isPresent()) {
              differences.add(key.get(0), key.get(1), metric, labels.get(i), labels.get(j),
                  Difference.paired(pairs.get()[0], pairs.get()[1]), "paired, " + pairs.get()[0].length + " seeds");
            } else {
              differences.add(key.get(0), key.get(1), metric, labels.get(i), labels.get(j),
                  Difference.welch(cis.get(labels.get(i)), cis.get(labels.get(j))), "Welch");
            }
          }
        }
      }
    });
    return new Result(means.table(), differences.table(), !byEval.isEmpty(), unmeasured(metrics, measured, runs));
  }

  /**
   * A line for each of {@code metrics} that no run's final evaluations have a value of: an empty column (pass@4
   * of an evaluation with fewer than 4 samples per prompt) or one an earlier Verity did not write.
   */
  private static List<String> unmeasured(List<String> metrics, Set<Metric> measured, List<Path> runs) {
    List<String> lines = new ArrayList<>();
    String have = measured.stream().map(Metric::id).collect(Collectors.joining(", "));
    for (String name : metrics) {
      Metric m = Finals.metric(name);
      if (measured.contains(m) || runs.isEmpty()) {
        continue;
      }
      String where = runs.size() == 1 ? "the run " + runs.get(0) + " has no value" : "none of the " + runs.size()
          + " runs compared has a value";
      lines.add(name + ": " + where + " of it in its final evaluations (eval.csv's " + name + " column is"
          + " empty or absent there); " + (measured.isEmpty() ? "nor of any other figure"
          : (runs.size() == 1 ? "it has " : "they have ") + have + ": compare one of those")
          + " (" + name + ": " + m.doc() + ")");
    }
    return lines;
  }

  /** The last evaluation row of each run of a variant, at the step of the first, with the run's seed. */
  private static final class Finals {
    final long step;
    final List<EvalRow> rows = new ArrayList<>();
    final List<Long> seeds = new ArrayList<>();

    Finals(long step) {
      this.step = step;
    }

    void add(EvalRow row, long seed) {
      rows.add(row);
      seeds.add(seed);
    }

    /** The runs' values of {@code metric}; a run without one (no corrections for fix_rate) is left out. */
    double[] values(String metric) {
      Metric m = metric(metric);
      return rows.stream().mapToDouble(r -> r.get(m)).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** Each seed's value of {@code metric}, for seeds that ran once and have it. */
    private Map<Long, Double> seedValues(String metric) {
      Metric m = metric(metric);
      Map<Long, Double> values = new LinkedHashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        double v = rows.get(i).get(m);
        if (!Double.isNaN(v)) {
          values.merge(seeds.get(i), v, (x, y) -> Double.NaN); // a seed run twice cannot be paired
        }
      }
      return values;
    }

    /**
     * {@code a}'s and {@code b}'s values of {@code metric} seed by seed, in the order of the seeds: present when
     * every run of each with the metric has a seed of its own, and both ran the same two or more seeds.
     */
    static Optional<double[][]> pairs(Finals a, Finals b, String metric) {
      Map<Long, Double> first = a.seedValues(metric);
      Map<Long, Double> second = b.seedValues(metric);
      boolean unique = first.values().stream().noneMatch(v -> v.isNaN())
          && second.values().stream().noneMatch(v -> v.isNaN());
      if (!unique || first.size() < 2 || !first.keySet().equals(second.keySet())) {
        return Optional.empty();
      }
      List<Long> seeds = first.keySet().stream().sorted().toList();
      return Optional.of(new double[][] {
          seeds.stream().mapToDouble(first::get).toArray(), seeds.stream().mapToDouble(second::get).toArray()});
    }

    private static Metric metric(String name) {
      return Metric.find(name).filter(x -> x.is(Metric.Where.EVAL_OVERALL)).orElseThrow(() ->
          new IllegalArgumentException("no evaluation figure '" + name + "' (evaluations record "
              + String.join(", ", Summaries.EVAL_METRICS) + ")"));
    }
  }

  /** Verdict of a difference: which is higher, or that the data cannot tell. */
  static String verdict(Difference d) {
    if (!d.known()) {
      return "needs 2+ runs each";
    }
    if (!d.distinguishable()) {
      return "not distinguishable";
    }
    return d.estimate() > 0 ? "b higher" : "a higher";
  }

  private static final class MeansTable {
    final StringColumn variant = StringColumn.create("variant");
    final StringColumn eval = StringColumn.create("eval");
    final IntColumn step = IntColumn.create("step");
    final StringColumn task = StringColumn.create("task");
    final StringColumn metric = StringColumn.create("metric");
    final IntColumn n = IntColumn.create("n");
    final DoubleColumn mean = DoubleColumn.create("mean");
    final DoubleColumn half = DoubleColumn.create("ci95_half");
    final DoubleColumn low = DoubleColumn.create("ci95_low");
    final DoubleColumn high = DoubleColumn.create("ci95_high");
    final DoubleColumn sd = DoubleColumn.create("sd");

    void add(String label, String stage, long at, String taskName, String metricName, MeanCi ci) {
      variant.append(label);
      eval.append(stage);
      step.append(Math.toIntExact(at));
      task.append(taskName);
      metric.append(metricName);
      n.append(ci.n());
      mean.append(ci.mean());
      half.append(ci.halfWidth());
      low.append(ci.low());
      high.append(ci.high());
      sd.append(ci.sd());
    }

    Table table() {
      return Table.create("final evaluations: mean over runs, 95% CI (Student's t)", variant, eval, step, task,
          metric, n, mean, half, low, high, sd);
    }
  }

  private static final class DifferencesTable {
    final StringColumn eval = StringColumn.create("eval");
    final StringColumn task = StringColumn.create("task");
    final StringColumn metric = StringColumn.create("metric");
    final StringColumn a = StringColumn.create("a");
    final StringColumn b = StringColumn.create("b");
    final DoubleColumn diff = DoubleColumn.create("b_minus_a");
    final DoubleColumn low = DoubleColumn.create("ci95_low");
    final DoubleColumn high = DoubleColumn.create("ci95_high");
    final DoubleColumn df = DoubleColumn.create("df");
    final StringColumn test = StringColumn.create("test");
    final StringColumn verdict = StringColumn.create("verdict");

    void add(String stage, String taskName, String metricName, String first, String second, Difference d,
        String how) {
      eval.append(stage);
      task.append(taskName);
      metric.append(metricName);
      a.append(first);
      b.append(second);
      diff.append(d.estimate());
      low.append(d.low());
      high.append(d.high());
      df.append(d.df());
      test.append(how);
      verdict.append(verdict(d));
    }

    Table table() {
      return Table.create("differences b − a of the means, 95% CI (paired t over the seeds both ran once each;"
          + " else Welch's t)", eval, task, metric, a, b, diff, low, high, df, test, verdict);
    }
  }
}
