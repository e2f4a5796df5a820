package dev.verity.engine.run;

import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * A run's record files, appended to as it goes and read back: metrics.csv, eval.csv with eval_levels.csv,
 * rollouts.jsonl and doctor.jsonl. Reading is open to all ({@link RunDirectory#records}); writing goes through
 * {@link RunDirectory}, which first enters each record's stage in the manifest's timeline.
 */
public final class RunRecords {
  private final Path root;
  private final CsvLog<StepMetrics> metrics;
  private final EvalLog evals;
  private final JsonLinesLog<RolloutRecord> rollouts;
  private final JsonLinesLog<Finding> findings;

  RunRecords(Path root) {
    this.root = root;
    this.metrics = new CsvLog<>(root.resolve(RunDirectory.METRICS), MetricsCsv.SCHEMA);
    this.evals = new EvalLog(root.resolve(RunDirectory.EVAL), root.resolve(RunDirectory.EVAL_LEVELS));
    this.rollouts = new JsonLinesLog<>(root.resolve(RunDirectory.ROLLOUTS), RolloutRecord.class, "rollout record");
    this.findings = new JsonLinesLog<>(root.resolve(RunDirectory.DOCTOR), Finding.class, "doctor finding");
  }

  // ---- reading

  public List<StepMetrics> metrics() throws IOException {
    return metrics.read();
  }

  public List<EvalRow> eval() throws IOException {
    return evals.read();
  }

  public List<EvalLevelRow> evalLevels() throws IOException {
    return evals.readLevels();
  }

  public List<RolloutRecord> rollouts() throws IOException {
    return rollouts.read();
  }

  public List<Finding> findings() throws IOException {
    return findings.read();
  }

  /** The last {@code count} rollouts, read without holding the whole file. */
  public List<RolloutRecord> lastRollouts(int count) throws IOException {
    return rollouts.last(count);
  }

  /** metrics.csv as a table, see {@link MetricsTables#of}. */
  public Table metricsTable() throws IOException {
    return MetricsTables.of(metrics());
  }

  /**
   * The columns the CSV record {@code file} was written with; empty when it does not exist. A file of an earlier
   * Verity has fewer (columns are only added at the end), which a replay does not compare.
   */
  public List<String> columns(String file) throws IOException {
    return Csv.header(root.resolve(file));
  }

  /** Whether the run's per-step records are here: a sweep kept for committing (keep-sweep.sh) drops them. */
  public boolean hasSteps() {
    return Files.exists(root.resolve(RunDirectory.METRICS));
  }

  // ---- writing, for RunDirectory

  void create() throws IOException {
    metrics.create();
    evals.create();
    rollouts.create();
    findings.create();
  }

  void appendMetrics(StepMetrics row) throws IOException {
    metrics.append(List.of(row));
  }

  /** The per-level rows, then the overall row: an overall row means its levels are written (see {@link EvalLog}). */
  void appendEval(EvalReport report) throws IOException {
    evals.append(report);
  }

  void appendRollouts(List<RolloutRecord> records) throws IOException {
    rollouts.append(records);
  }

  void appendFinding(Finding finding) throws IOException {
    findings.append(List.of(finding));
  }

  /** Drops the partial line a killed process may have left at the end of each file. */
  void repair() throws IOException {
    for (RunLog log : logs()) {
      log.repair();
    }
  }

  /** Cuts every file before its first record that {@code keep} does not keep. */
  void cut(AppendFiles.Keep keep) throws IOException {
    for (RunLog log : logs()) {
      log.cut(keep);
    }
  }

  private List<RunLog> logs() {
    return List.of(metrics, evals, rollouts, findings);
  }
}
