package dev.verity.engine.run;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Figures;
import dev.verity.engine.metric.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * eval.csv (overall figures, under {@link EvalReport#COLUMNS}) and eval_levels.csv (one row per level), kept in
 * step: an evaluation writes its level rows first and its overall row last, so an overall row means its levels
 * are there, and a repair drops the level rows of an evaluation whose overall row a crash prevented.
 */
final class EvalLog implements RunLog {
  private final CsvLog<EvalRow> overall;
  private final CsvLog<EvalLevelRow> levels;

  EvalLog(Path overallFile, Path levelsFile) {
    this.overall = new CsvLog<>(overallFile, OVERALL);
    this.levels = new CsvLog<>(levelsFile, LEVELS);
  }

  void create() throws IOException {
    overall.create();
    levels.create();
  }

  void append(EvalReport report) throws IOException {
    levels.append(EvalLevelRow.of(report));
    overall.append(List.of(EvalRow.of(report)));
  }

  List<EvalRow> read() throws IOException {
    return overall.read();
  }

  List<EvalLevelRow> readLevels() throws IOException {
    return levels.read();
  }

  @Override
  public void repair() throws IOException {
    overall.repair();
    levels.repair();
    List<EvalLevelRow> levelRows = levels.read();
    if (levelRows.isEmpty()) {
      return;
    }
    EvalLevelRow last = levelRows.get(levelRows.size() - 1);
    List<EvalRow> overallRows = overall.read();
    EvalRow finished = overallRows.isEmpty() ? null : overallRows.get(overallRows.size() - 1);
    if (finished == null || !sameEvaluation(last, finished.stage(), finished.step(), finished.task())) {
      levels.cutTrailing(row -> sameEvaluation(row, last.stage(), last.step(), last.task()));
    }
  }

  /**
   * Evaluations are labelled with the count of steps done, one more than the last step they follow; a stage that
   * starts over (nothing kept) evaluates its step 0 again, so its step-0 evaluation goes too.
   */
  @Override
  public void cut(AppendFiles.Keep keep) throws IOException {
    AppendFiles.Keep evaluations = keep.lastStep() < 0 ? keep : keep.later(1);
    overall.cut(evaluations);
    levels.cut(evaluations);
  }

  private static boolean sameEvaluation(EvalLevelRow row, String stage, long step, String task) {
    return row.stage().equals(stage) && row.step() == step && row.task().equals(task);
  }

  private static final CsvLog.Schema<EvalRow> OVERALL = new CsvLog.Schema<>() {
    @Override
    public List<String> header() {
      return EvalReport.COLUMNS;
    }

    @Override
    public List<String> fields(EvalRow r) {
      List<String> out = new ArrayList<>(List.of(r.stage(), Long.toString(r.step()), r.task()));
      Metric.evalOverall().forEach(m -> out.add(Fields.number(r.get(m))));
      return out;
    }

    @Override
    public EvalRow parse(Fields f) throws RunFormatException {
      return new EvalRow(f.text(0), f.whole(1), f.text(2), figures(f, Metric.evalOverall(), 3));
    }
  };

  private static final CsvLog.Schema<EvalLevelRow> LEVELS = new CsvLog.Schema<>() {
    @Override
    public List<String> header() {
      return EvalLevelRow.COLUMNS;
    }

    @Override
    public List<String> fields(EvalLevelRow r) {
      List<String> out = new ArrayList<>(List.of(r.stage(), Long.toString(r.step()), r.task(),
          Integer.toString(r.level()), Integer.toString(r.problems())));
      Metric.eval().forEach(m -> out.add(Fields.number(r.get(m))));
      return out;
    }

    @Override
    public EvalLevelRow parse(Fields f) throws RunFormatException {
      return new EvalLevelRow(f.text(0), f.whole(1), f.text(2), f.integer(3),
          new Figures(f.integer(4), figures(f, Metric.eval(), 5)));
    }
  };

  /** The figures of {@code metrics} in the fields from {@code first} on, in order. */
  private static Map<Metric, Double> figures(Fields f, List<Metric> metrics, int first) throws RunFormatException {
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    for (int i = 0; i < metrics.size(); i++) {
      values.put(metrics.get(i), f.number(first + i));
    }
    return values;
  }
}
