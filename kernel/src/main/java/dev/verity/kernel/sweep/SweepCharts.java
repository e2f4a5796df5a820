package dev.verity.kernel.sweep;

import dev.verity.engine.checkpoint.AtomicFiles;
import dev.verity.engine.run.RunDirectory;
import dev.verity.kernel.render.BandChartRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Charts of a sweep's summaries: a metric of one stage by step, each variant its mean with a 95% band. A metric is
 * a column of metrics.csv ({@code accuracy}, {@code loss}, …) or, with {@code eval_}, a figure of the stage's
 * periodic evaluation ({@code eval_accuracy}), as in the DSL's {@code plot}.
 */
public final class SweepCharts {
  private static final String PERIODIC = "eval_";

  private SweepCharts() {}

  /**
   * The charts a sweep draws by itself: for each stage, accuracy and response length when it has them (rl), else
   * its loss (sft); and the accuracy of each periodic evaluation with two or more points.
   */
  public static List<BandChart> standard(Table metrics, Table evals) {
    List<BandChart> charts = new ArrayList<>();
    for (String stage : stages(metrics)) {
      List<String> wanted = has(metrics, stage, "accuracy")
          ? List.of("accuracy", "response_len_mean", "eval_accuracy") : List.of("loss", "eval_accuracy");
      for (String metric : wanted) {
        chart(metrics, evals, stage, metric).filter(c -> c.bands().stream().anyMatch(b -> b.size() > 1))
            .ifPresent(charts::add);
      }
    }
    return charts;
  }

  /**
   * The charts of {@code metrics} for {@code stage}, or for every stage that records them when empty.
   *
   * @throws IllegalArgumentException naming what the summaries hold when none of it is there
   */
  public static List<BandChart> of(Table metrics, Table evals, List<String> wanted, Optional<String> stage) {
    List<String> stages = stages(metrics);
    if (stage.isPresent() && !stages.contains(stage.get())) {
      throw new IllegalArgumentException("no stage '" + stage.get() + "' in the sweep's summaries; its stages: "
          + String.join(", ", stages));
    }
    List<BandChart> charts = new ArrayList<>();
    for (String metric : wanted) {
      List<BandChart> found = new ArrayList<>();
      for (String s : stage.map(List::of).orElse(stages)) {
        chart(metrics, evals, s, metric).ifPresent(found::add);
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no stage " + stage.map(s -> "'" + s + "' ").orElse("")
            + "of the sweep records '" + metric + "'; they record: " + String.join(", ", recorded(metrics, evals)));
      }
      charts.addAll(found);
    }
    return charts;
  }

  /** Writes each chart as {@code charts/<title>.png}; returns the files. */
  static List<Path> write(List<BandChart> charts, Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    BandChartRenderer renderer = new BandChartRenderer();
    for (BandChart chart : charts) {
      Path file = dir.resolve(RunDirectory.fileName(chart.title()) + ".png");
      byte[] png = renderer.png(chart);
      AtomicFiles.write(file, out -> out.write(png));
      files.add(file);
    }
    return files;
  }

  private static Optional<BandChart> chart(Table metrics, Table evals, String stage, String metric) {
    boolean periodic = metric.startsWith(PERIODIC);
    Table source = periodic ? evals : metrics;
    String figure = periodic ? metric.substring(PERIODIC.length()) : metric;
    Set<String> series = new LinkedHashSet<>();
    for (Row row : source) {
      if (row.getString("stage").equals(stage) && row.getString("metric").equals(figure)) {
        series.add(seriesName(row, periodic));
      }
    }
    if (series.isEmpty()) {
      return Optional.empty();
    }
    List<BandChart.Band> bands = new ArrayList<>();
    for (String name : series) {
      List<double[]> points = new ArrayList<>();
      for (Row row : source) {
        if (row.getString("stage").equals(stage) && row.getString("metric").equals(figure)
            && seriesName(row, periodic).equals(name)) {
          points.add(new double[] {row.getInt("step"), row.getDouble("mean"), row.getDouble("ci95_low"),
              row.getDouble("ci95_high")});
        }
      }
      bands.add(new BandChart.Band(name, column(points, 0), column(points, 1), column(points, 2),
          column(points, 3)));
    }
    return Optional.of(new BandChart(metric + " by step (" + stage + ")", "step",
        metric + ", mean and 95% CI", bands));
  }

  /** A band's name: the variant, and for an evaluation the task when the stage evaluates on several. */
  private static String seriesName(Row row, boolean periodic) {
    return periodic ? row.getString("variant") + " (" + row.getString("task") + ")" : row.getString("variant");
  }

  private static boolean has(Table table, String stage, String metric) {
    for (Row row : table) {
      if (row.getString("stage").equals(stage) && row.getString("metric").equals(metric)) {
        return true;
      }
    }
    return false;
  }

  /** The training stages (those with metrics), in order. */
  private static List<String> stages(Table metrics) {
    return new ArrayList<>(new LinkedHashSet<>(metrics.stringColumn("stage").asList()));
  }

  private static List<String> recorded(Table metrics, Table evals) {
    Set<String> names = new LinkedHashSet<>(metrics.stringColumn("metric").asList());
    evals.stringColumn("metric").asList().forEach(m -> names.add(PERIODIC + m));
    return new ArrayList<>(names);
  }

  private static double[] column(List<double[]> points, int i) {
    return points.stream().mapToDouble(p -> p[i]).toArray();
  }
}
