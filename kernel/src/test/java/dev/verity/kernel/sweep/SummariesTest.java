package dev.verity.kernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Figures;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Summaries and comparisons of run directories written by hand (no training): the means and intervals are the
 * hand-computed ones of {@code StatsTest}, NaN metrics are left out, and runs group by their overrides less the
 * seed.
 */
class SummariesTest {
  private static final Manifest.Versions VERSIONS = new Manifest.Versions("test", "0", "0", "17");
  private static final double EPS = 1e-6;

  @TempDir Path dir;

  /** A done run of one rl stage with the given accuracies at step 0, and a final evaluation of {@code eval}. */
  private Path run(String folder, List<String> overrides, double accuracy, double eval) throws IOException {
    return run(folder, overrides, accuracy, eval, Map.of());
  }

  /** As above, the final evaluation with {@code more} figures. */
  private Path run(String folder, List<String> overrides, double accuracy, double eval, Map<Metric, Double> more)
      throws IOException {
    return run(folder, 1, overrides, accuracy, eval, more);
  }

  /** As above, run with {@code seed}. */
  private Path run(String folder, long seed, List<String> overrides, double accuracy, double eval,
      Map<Metric, Double> more) throws IOException {
    RunDirectory run = RunDirectory.create(dir.resolve(folder), "exp");
    run.writeSource("experiment \"exp\" seed 1\n");
    run.start(RunSettings.of(seed, 1, "cpu()").withOverrides(overrides), VERSIONS);
    run.appendMetrics(StepMetrics.of("tune", 0).with(Metric.REWARD_MEAN, 0.5).with(Metric.ACCURACY, accuracy)
        .with(Metric.RESPONSE_LEN_MEAN, 10).with(Metric.RESPONSE_LEN_P90, 12).with(Metric.KL, 0.01)
        .with(Metric.ENTROPY, 1.0).with(Metric.LOSS, 0.3).with(Metric.LR, 1e-3).with(Metric.GRAD_NORM, 1.0)
        .with(Metric.FRAC_ZERO_STD, 0.0).with(Metric.TOKENS_PER_S, 100).with(Metric.ELAPSED_S, 1));
    run.appendMetrics(StepMetrics.of("warm", 0).with(Metric.LOSS, 2.5).with(Metric.LR, 1e-3)
        .with(Metric.GRAD_NORM, 1.0).with(Metric.TOKENS_PER_S, 100).with(Metric.ELAPSED_S, 2));
    run.appendEval(new EvalReport("final", 5, "add_test", 1,
        new Figures(8, withMore(Map.of(Metric.ACCURACY, eval, Metric.PASS_AT_K, eval,
            Metric.RESPONSE_LEN_MEAN, 20.0, Metric.RESPONSE_LEN_P90, 24.0), more)), List.of()));
    run.finish(RunStatus.DONE);
    return run.path();
  }

  private List<Summaries.Group> twoGroups() throws IOException {
    List<RunDirectory> a = new ArrayList<>();
    double[] accuracies = {1, 2, 3, 4, 5};
    for (int i = 0; i < 5; i++) {
      a.add(RunDirectory.openReadOnly(run("a" + i, List.of("seed=" + i), accuracies[i], accuracies[i])));
    }
    List<RunDirectory> b = new ArrayList<>();
    double[] others = {2, 4, 6};
    for (int i = 0; i < 3; i++) {
      b.add(RunDirectory.openReadOnly(run("b" + i, List.of("kl.coef=1", "seed=" + i), others[i], others[i])));
    }
    return List.of(new Summaries.Group("a", a), new Summaries.Group("b", b));
  }

  private static Map<Metric, Double> withMore(Map<Metric, Double> figures, Map<Metric, Double> more) {
    Map<Metric, Double> all = new java.util.EnumMap<>(Metric.class);
    all.putAll(figures);
    all.putAll(more);
    return all;
  }

  @Test
  void everyEvaluationFigureComparesAndRunsWithoutOneAreLeftOut() throws IOException {
    List<RunDirectory> a = new ArrayList<>();
    List<RunDirectory> b = new ArrayList<>();
    for (int i = 0; i < 3; i++) { // a run without corrections has no fix rate: its figure is empty
      Map<Metric, Double> fixes = i == 0 ? Map.of(Metric.REFLECT_RATE, 0.0)
          : Map.of(Metric.REFLECT_RATE, 0.1 * i, Metric.FIX_RATE, 0.5 + 0.1 * i);
      a.add(RunDirectory.openReadOnly(run("ra" + i, List.of("seed=" + i), 0.5, 0.5, fixes)));
      b.add(RunDirectory.openReadOnly(run("rb" + i, List.of("kl.coef=1", "seed=" + i), 0.5, 0.5, Map.of())));
    }
    List<Summaries.Group> groups = List.of(new Summaries.Group("a", a), new Summaries.Group("b", b));
    Table fix = Comparison.compare(groups, List.of("fix_rate")).means();
    assertEquals(1, fix.rowCount(), "b recorded no fix rate at all:\n" + fix.print());
    assertEquals(2, fix.row(0).getInt("n"), "a's run without corrections is left out");
    assertEquals(0.65, fix.row(0).getDouble("mean"), EPS);
    Row reflect = Comparison.compare(groups, List.of("reflect_rate")).means().row(0);
    assertEquals(0.1, reflect.getDouble("mean"), EPS);
    assertEquals(Summaries.EVAL_METRICS, Metric.evalOverall().stream().map(Metric::id).toList());
    Row summarised = row(Summaries.evals(groups), "a", "final", "fix_rate");
    assertEquals(2, summarised.getInt("n"));
  }

  @Test
  void aSweepKeptWithoutItsStepsShowsItsSummaryAndIsNotWritten() throws Exception {
    Path kept = dir.resolve("negative-gradients");
    Path committed = Path.of("..", "results", "negative-gradients");
    try (java.util.stream.Stream<Path> files = Files.walk(committed)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = kept.resolve(committed.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Map<Path, String> before = contents(kept);
    Sweep sweep = Sweep.open(kept);
    new SweepDriver(new SweepDriver.View() {
      @Override public void progress(Sweep s, List<RunProgress> runs) {}
      @Override public void ended(RunEntry run, List<String> logTail) {}
      @Override public void note(String line) {}
    }, java.time.Clock.systemUTC()).refresh(sweep);
    Table metrics = Summaries.metrics(sweep, Summaries.groups(sweep));
    Row accuracy = row(metrics, "tune.algorithm=rft()", "tune", "accuracy");
    assertEquals(5, accuracy.getInt("n"), "the kept summary.csv: five runs a step");
    assertEquals(before, contents(kept), "showing a kept sweep changes none of its files");
  }

  private static Map<Path, String> contents(Path folder) throws IOException {
    Map<Path, String> out = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.put(folder.relativize(f), java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
      }
    }
    return out;
  }

  private static Row row(Table t, String variant, String stage, String metric) {
    for (Row r : t) {
      if (r.getString("variant").equals(variant) && r.getString("stage").equals(stage)
          && r.getString("metric").equals(metric)) {
        return r;
      }
    }
    throw new AssertionError("no row " + variant + " " + stage + " " + metric + " in\n" + t.print());
  }

  @Test
  void eachStepsMetricIsSummarisedOverTheRunsOfItsVariant() throws IOException {
    Table t = Summaries.metrics(twoGroups());
    assertEquals(List.of("variant", "stage", "step", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"),
        t.columnNames());
    Row a = row(t, "a", "tune", "accuracy");
    assertEquals(5, a.getInt("n"));
    assertEquals(3, a.getDouble("mean"), EPS);
    assertEquals(1.036757, a.getDouble("ci95_low"), EPS);
    assertEquals(4.963243, a.getDouble("ci95_high"), EPS);
    assertEquals(4, row(t, "b", "tune", "accuracy").getDouble("mean"), EPS);
    // an sft stage has a loss and no accuracy; clock columns are never summarised
    assertEquals(2.5, row(t, "a", "warm", "loss").getDouble("mean"), EPS);
    assertFalse(t.where(t.stringColumn("stage").isEqualTo("warm").and(t.stringColumn("metric")
        .isEqualTo("accuracy"))).rowCount() > 0);
    assertFalse(t.stringColumn("metric").asList().contains("elapsed_s"));
  }

  @Test
  void evaluationsAreSummarisedByTask() throws IOException {
    Table t = Summaries.evals(twoGroups());
    assertEquals(List.of("variant", "stage", "step", "task", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"),
        t.columnNames());
    Row b = row(t, "b", "final", "accuracy");
    assertEquals("add_test", b.getString("task"));
    assertEquals(5, b.getInt("step"));
    assertEquals(3, b.getInt("n"));
    assertEquals(4, b.getDouble("mean"), EPS);
  }

  @Test
  void comparisonGivesEachPairsWelchInterval() throws IOException {
    Comparison.Result result = Comparison.compare(twoGroups(), List.of("accuracy"));
    assertEquals(2, result.means().rowCount());
    Row diff = result.differences().iterator().next();
    assertEquals("a", diff.getString("a"));
    assertEquals("b", diff.getString("b"));
    assertEquals(1, diff.getDouble("b_minus_a"), EPS);
    assertEquals(3.532847, diff.getDouble("df"), EPS);
    assertEquals(-2.963726, diff.getDouble("ci95_low"), EPS);
    assertEquals(4.963726, diff.getDouble("ci95_high"), EPS);
    assertEquals("not distinguishable", diff.getString("verdict"));
  }

  @Test
  void variantsThatRanTheSameSeedsAreComparedSeedBySeed() throws Exception {
    // seeds far apart, and b a little above a at every seed: the pairs see it, two independent samples would not
    double[] a = {0.2, 0.5, 0.8};
    double[] b = {0.25, 0.55, 0.86};
    for (int i = 0; i < 3; i++) {
      run("runs", i + 1, List.of("seed=" + (i + 1)), a[i], a[i], Map.of());
      run("runs", i + 1, List.of("kl.coef=1", "seed=" + (i + 1)), b[i], b[i], Map.of());
    }
    List<Summaries.Group> groups = Comparison.groups(List.of(dir.resolve("runs")), new ArrayList<>());
    Row pair = Comparison.compare(groups, List.of("accuracy")).differences().iterator().next();
    assertEquals("paired, 3 seeds", pair.getString("test"));
    assertEquals(2, pair.getDouble("df"), EPS);
    assertEquals(0.053333, pair.getDouble("b_minus_a"), EPS);
    assertEquals(0.038991, pair.getDouble("ci95_low"), EPS); // 0.05333 ± t(0.975, 2) · 0.005774 / √3
    assertEquals(0.067676, pair.getDouble("ci95_high"), EPS);
    assertEquals("b higher", pair.getString("verdict"));

    run("runs", 4, List.of("seed=4"), 0.9, 0.9, Map.of()); // a seed only one side ran: no pairs, Welch
    groups = Comparison.groups(List.of(dir.resolve("runs")), new ArrayList<>());
    pair = Comparison.compare(groups, List.of("accuracy")).differences().iterator().next();
    assertEquals("Welch", pair.getString("test"));
    assertEquals("not distinguishable", pair.getString("verdict"));
  }

  @Test
  void runDirectoriesGroupByTheirOverridesLessTheSeed() throws Exception {
    for (int i = 0; i < 3; i++) {
      run("runs", i, List.of("seed=" + i), 0.5 + i / 10.0, 0.5 + i / 10.0, Map.of());
      run("runs", i, List.of("kl.coef=1", "experiment.seed=" + i), 0.1, 0.1, Map.of());
    }
    List<String> notes = new ArrayList<>();
    List<Summaries.Group> groups = Comparison.groups(List.of(dir.resolve("runs")), notes);
    assertEquals(List.of("exp", "exp kl.coef=1"), groups.stream().map(Summaries.Group::label).sorted().toList());
    assertTrue(groups.stream().allMatch(g -> g.runs().size() == 3));
    assertTrue(notes.isEmpty(), notes.toString());
    Row pair = Comparison.compare(groups, List.of("accuracy")).differences().iterator().next();
    // 0.5, 0.6, 0.7 against 0.1 three times: no spread on one side, still separated
    assertTrue(pair.getString("verdict").endsWith("higher"), pair.toString());
  }

  @Test
  void runsNotDoneAreLeftOutWithANote() throws Exception {
    run("runs", List.of("seed=1"), 0.5, 0.5);
    RunDirectory running = RunDirectory.create(dir.resolve("runs"), "exp");
    running.writeSource("experiment \"exp\" seed 2\n");
    running.start(RunSettings.of(2, 1, "cpu()").withOverrides(List.of("seed=2")), VERSIONS);
    List<String> notes = new ArrayList<>();
    List<Summaries.Group> groups = Comparison.groups(List.of(dir.resolve("runs")), notes);
    assertEquals(1, groups.get(0).runs().size());
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).endsWith("is running, not done: left out"), notes.get(0));
  }

  @Test
  void aFolderWithoutRunsIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    Comparison.BadInput e = org.junit.jupiter.api.Assertions.assertThrows(Comparison.BadInput.class,
        () -> Comparison.groups(List.of(dir.resolve("empty")), new ArrayList<>()));
    assertTrue(e.getMessage().contains("holds neither a sweep"), e.getMessage());
  }

  @Test
  void aFolderOfSweepsAsksWhichOfThemToCompare() throws IOException {
    for (String name : List.of("quickstart-20261207-101010", "quickstart-20261207-121212")) {
      Files.createDirectories(dir.resolve("sweeps").resolve(name));
      Files.writeString(dir.resolve("sweeps").resolve(name).resolve(Sweep.JSON), "{}");
    }
    Comparison.BadInput e = org.junit.jupiter.api.Assertions.assertThrows(Comparison.BadInput.class,
        () -> Comparison.groups(List.of(dir.resolve("sweeps")), new ArrayList<>()));
    assertEquals(dir.resolve("sweeps") + " is a folder of 2 sweeps (quickstart-20261207-101010,"
        + " quickstart-20261207-121212): name the sweeps to compare, e.g. `verity compare "
        + dir.resolve("sweeps/quickstart-20261207-121212") + "`", e.getMessage());
  }
}
