package dev.verity.engine.run;

import dev.verity.engine.eval.EvalReport;
import java.util.List;

/** eval.csv (overall figures, under {@link EvalReport#COLUMNS}) and eval_levels.csv (one row per level). */
final class EvalCsv {
  private EvalCsv() {}

  static final CsvLog.Schema<EvalRow> OVERALL = new CsvLog.Schema<>() {
    @Override
    public List<String> header() {
      return EvalReport.COLUMNS;
    }

    @Override
    public List<String> fields(EvalRow r) {
      return List.of(r.stage(), Long.toString(r.step()), r.task(), Fields.number(r.accuracy()),
          Fields.number(r.passAtK()), Fields.number(r.responseLenMean()));
    }

    @Override
    public EvalRow parse(Fields f) throws RunFormatException {
      return new EvalRow(f.text(0), f.whole(1), f.text(2), f.number(3), f.number(4), f.number(5));
    }
  };

  static final CsvLog.Schema<EvalLevelRow> LEVELS = new CsvLog.Schema<>() {
    @Override
    public List<String> header() {
      return EvalLevelRow.COLUMNS;
    }

    @Override
    public List<String> fields(EvalLevelRow r) {
      return List.of(r.stage(), Long.toString(r.step()), r.task(), Integer.toString(r.level()),
          Integer.toString(r.problems()), Fields.number(r.accuracy()), Fields.number(r.passAtK()),
          Fields.number(r.responseLenMean()), Fields.number(r.responseLenP90()));
    }

    @Override
    public EvalLevelRow parse(Fields f) throws RunFormatException {
      return new EvalLevelRow(f.text(0), f.whole(1), f.text(2), f.integer(3), f.integer(4), f.number(5),
          f.number(6), f.number(7), f.number(8));
    }
  };
}
