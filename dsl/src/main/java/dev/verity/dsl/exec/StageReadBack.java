package dev.verity.dsl.exec;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Figures;
import dev.verity.engine.run.EvalLevelRow;
import dev.verity.engine.run.EvalRow;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.util.List;

/**
 * A training stage's records read back from its run directory into the session, so {@code plot} and {@code
 * table} see a resumed stage as they saw it run. eval.csv does not keep an evaluation's overall 90th-percentile
 * length, so read-back evaluations have NaN there (a plot of {@code response_len_p90} shows no eval points for
 * them).
 */
final class StageReadBack {
  private StageReadBack() {}

  /**
   * Adds {@code record}'s stage's metrics, periodic evaluations and rollouts from {@code run} to it.
   *
   * @param k the samples per problem of the stage's periodic evaluation, which eval.csv does not hold
   */
  static void readInto(StageRecord record, RunDirectory run, int k) throws IOException {
    String stage = record.name();
    for (StepMetrics row : run.records().metrics()) {
      if (row.stage().equals(stage)) {
        record.add(row);
      }
    }
    List<EvalLevelRow> levels = run.records().evalLevels().stream().filter(l -> l.stage().equals(stage)).toList();
    for (EvalRow row : run.records().eval()) {
      if (row.stage().equals(stage)) {
        record.add(report(row, levels, k));
      }
    }
    record.addRollouts(run.records().rollouts().stream().filter(r -> r.stage().equals(stage)).toList());
  }

  private static EvalReport report(EvalRow row, List<EvalLevelRow> levels, int k) {
    List<EvalReport.LevelFigures> byLevel = levels.stream()
        .filter(l -> l.step() == row.step() && l.task().equals(row.task()))
        .map(l -> new EvalReport.LevelFigures(l.level(), l.figures()))
        .toList();
    int problems = byLevel.stream().mapToInt(l -> l.figures().problems()).sum();
    Figures overall = new Figures(problems, row.figures()); // eval.csv keeps no overall p90: NaN
    return new EvalReport(row.stage(), row.step(), row.task(), k, overall, byLevel);
  }
}
