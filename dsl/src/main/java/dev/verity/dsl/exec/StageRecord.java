package dev.verity.dsl.exec;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.run.RolloutRecord;
import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a training stage produced, kept in the session for plots and tables. */
public final class StageRecord {
  private final String name;
  private final String kind;
  private final String model;
  private final List<StepMetrics> metrics = new ArrayList<>();
  private final List<EvalReport> evals = new ArrayList<>();
  private final List<RolloutRecord> rollouts = new ArrayList<>();

  StageRecord(String name, String kind, String model) {
    this.name = name;
    this.kind = kind;
    this.model = model;
  }

  public String name() {
    return name;
  }

  public String kind() {
    return kind;
  }

  public String model() {
    return model;
  }

  public List<StepMetrics> metrics() {
    return Collections.unmodifiableList(metrics);
  }

  public List<EvalReport> evals() {
    return Collections.unmodifiableList(evals);
  }

  public List<RolloutRecord> rollouts() {
    return Collections.unmodifiableList(rollouts);
  }

  void add(StepMetrics row) {
    metrics.add(row);
  }

  void add(EvalReport report) {
    evals.add(report);
  }

  void addRollouts(List<RolloutRecord> records) {
    rollouts.addAll(records);
  }
}
