package dev.verity.dsl.exec;

import dev.verity.dsl.plan.Action;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Figures;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.run.MetricsTables;
import dev.verity.engine.run.RolloutRecord;
import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code table …} as Tablesaw tables: rollouts, metric rows, evaluation results by level. */
public final class Tables {
  private Tables() {}

  static Table table(Session session, Action.Table s) {
    Action.TableSource source = s.source();
    if (source instanceof Action.Rollouts r) {
      return rollouts(stage(session, r.stage()), r.first(), r.count());
    } else if (source instanceof Action.Samples samples) {
      return samples(session.eval(samples.eval()).orElseThrow(
          () -> new IllegalStateException("evaluation " + samples.eval() + " has not run in this session")),
          samples.count(), samples.keep());
    } else if (source instanceof Action.Metrics m) {
      List<StepMetrics> rows = stage(session, m.stage()).metrics();
      int from = m.count() <= 0 ? 0 : Math.max(0, rows.size() - m.count());
      return withoutEmptyUserCodeErrors(
          MetricsTables.of(rows.subList(from, rows.size())).setName("metrics of " + m.stage()));
    }
    List<EvalReport> reports = new ArrayList<>();
    for (String name : ((Action.EvalResults) source).evals()) {
      reports.add(session.eval(name).orElseThrow(
          () -> new IllegalStateException("evaluation " + name + " has not run in this session")));
    }
    return eval(reports);
  }

  private static StageRecord stage(Session session, String name) {
    return session.stage(name)
        .orElseThrow(() -> new IllegalStateException("stage " + name + " has not run in this session"));
  }

  /** The first or last {@code count} rollouts: what was asked, said, expected, and every reward term. */
  public static Table rollouts(StageRecord stage, boolean first, int count) {
    List<RolloutRecord> all = stage.rollouts();
    List<RolloutRecord> rows = first ? all.subList(0, Math.min(count, all.size()))
        : all.subList(Math.max(0, all.size() - count), all.size());
    Set<String> terms = new LinkedHashSet<>();
    rows.forEach(r -> terms.addAll(r.terms().keySet()));
    Table table = Table.create((first ? "first " : "last ") + rows.size() + " rollouts of " + stage.name(),
        IntColumn.create("step"), StringColumn.create("prompt"), StringColumn.create("response"),
        StringColumn.create("answer"), DoubleColumn.create("reward"), DoubleColumn.create("advantage"),
        IntColumn.create("length"), BooleanColumn.create("truncated"));
    for (String term : terms) {
      if (!term.equals("reward")) {
        table.addColumns(DoubleColumn.create(term));
      }
    }
    for (RolloutRecord r : rows) {
      table.intColumn("step").append((int) r.step());
      table.stringColumn("prompt").append(r.prompt());
      table.stringColumn("response").append(r.response());
      table.stringColumn("answer").append(r.answer());
      table.doubleColumn("reward").append(r.reward());
      table.doubleColumn("advantage").append(r.advantage());
      table.intColumn("length").append(r.length());
      table.booleanColumn("truncated").append(r.truncated());
      for (String term : terms) {
        if (!term.equals("reward")) {
          table.doubleColumn(term).append(r.terms().getOrDefault(term, Double.NaN));
        }
      }
    }
    return table;
  }

  /**
   * The first {@code count} responses {@code keep} selects: all, right, wrong, corrected (with a correction mark),
   * or fixed (corrected and right). An evaluation read back from a run directory kept none, which the title says.
   */
  public static Table samples(EvalReport report, int count, String keep) {
    List<EvalReport.Sample> rows = report.samples().stream().filter(s -> switch (keep) {
      case "right" -> s.right();
      case "wrong" -> !s.right();
      case "corrected" -> s.corrections() > 0;
      case "fixed" -> s.corrections() > 0 && s.right();
      default -> true;
    }).limit(count).toList();
    String which = keep.equals("all") ? "" : " " + keep;
    String title = report.samples().isEmpty()
        ? "no responses of " + report.stage() + " kept: it ran before this session resumed the run"
        : "first " + rows.size() + which + " responses of " + report.stage() + " (of " + report.samples().size() + ")";
    Table table = Table.create(title, StringColumn.create("prompt"), StringColumn.create("response"),
        StringColumn.create("answer"), BooleanColumn.create("right"), IntColumn.create("corrections"));
    for (EvalReport.Sample s : rows) {
      table.stringColumn("prompt").append(s.prompt());
      table.stringColumn("response").append(s.response());
      table.stringColumn("answer").append(s.answer());
      table.booleanColumn("right").append(s.right());
      table.intColumn("corrections").append(s.corrections());
    }
    return table;
  }

  /** One row per evaluation and difficulty level, then the evaluation's overall figures. */
  public static Table eval(List<EvalReport> reports) {
    Table table = Table.create(reports.size() == 1 ? "eval " + reports.get(0).stage() : "evaluations",
        StringColumn.create("eval"), StringColumn.create("task"), StringColumn.create("level"),
        IntColumn.create("problems"));
    Metric.eval().forEach(m -> table.addColumns(DoubleColumn.create(m.id())));
    for (EvalReport r : reports) {
      for (EvalReport.LevelFigures l : r.levels()) {
        row(table, r, Integer.toString(l.level()), l.figures());
      }
      row(table, r, "all", r.overall());
    }
    return withoutEmptyUserCodeErrors(table);
  }

  /**
   * {@code table} without its user_code_errors column when that is empty, as it is unless user code ran (a
   * java(…) task): a stage or an evaluation of built-ins shows what it always showed.
   */
  private static Table withoutEmptyUserCodeErrors(Table table) {
    DoubleColumn userErrors = table.doubleColumn(Metric.USER_CODE_ERRORS.id());
    return userErrors.countMissing() == table.rowCount() ? table.removeColumns(userErrors) : table;
  }

  private static void row(Table table, EvalReport r, String level, Figures f) {
    table.stringColumn("eval").append(r.stage());
    table.stringColumn("task").append(r.task());
    table.stringColumn("level").append(level);
    table.intColumn("problems").append(f.problems());
    Metric.eval().forEach(m -> table.doubleColumn(m.id()).append(f.get(m)));
  }
}
