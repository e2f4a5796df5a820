package dev.verity.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.train.StepMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Every record file gives back exactly what was written: the same doubles bit for bit, the same text. */
class RecordFilesTest {
  @TempDir Path runs;

  private static final List<String> STAGES =
      List.of("sft", "rl policy on add, \"v2\"", "line\nbreak", "día-ü", "", " padded ");

  private static void assertSameBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
        what + ": expected " + expected + ", read " + actual);
  }

  @Test
  void metricsReadBackBitForBitUnderTheExactHeader() throws Exception {
    RunDirectory run = Samples.started(runs, "metrics");
    List<StepMetrics> written = new ArrayList<>();
    for (String stage : STAGES) {
      LongStream.range(0, 14).mapToObj(i -> Samples.metrics(stage, i)).forEach(written::add);
    }
    for (StepMetrics row : written) {
      run.appendMetrics(row);
    }
    List<StepMetrics> read = RunDirectory.openReadOnly(run.path()).records().metrics();
    assertEquals(written, read); // records compare doubles with Double.compare: NaN = NaN, -0.0 ≠ 0.0
    for (int r = 0; r < written.size(); r++) {
      for (Metric m : Metric.step()) {
        assertSameBits(written.get(r).get(m), read.get(r).get(m), "row " + r + " column " + m.id());
      }
    }
    List<String> lines = Files.readAllLines(run.path().resolve("metrics.csv"));
    assertEquals(
        "stage,step,reward_mean,accuracy,response_len_mean,response_len_p90,kl,entropy,loss,lr,grad_norm,"
            + "frac_zero_std,tokens_per_s,elapsed_s,reflect_rate,fix_rate,uncorrected_error_rate,user_code_errors",
        lines.get(0));
  }

  @Test
  void nanIsAnEmptyFieldAndQuotedStagesFollowRfc4180() throws Exception {
    RunDirectory run = Samples.started(runs, "csv");
    run.appendMetrics(StepMetrics.of("say \"hi\", twice", 3).with(Metric.LOSS, 0.5).with(Metric.LR, 1e-3)
        .with(Metric.GRAD_NORM, -0.0).with(Metric.TOKENS_PER_S, 1e-300).with(Metric.ELAPSED_S, 2.5));
    String text = Files.readString(run.path().resolve("metrics.csv"), StandardCharsets.UTF_8);
    assertEquals("\"say \"\"hi\"\", twice\",3,,,,,,,0.5,0.001,-0.0,,1.0E-300,2.5,,,,\n", text.lines().skip(1)
        .findFirst().orElseThrow() + "\n");
  }

  @Test
  void evaluationsKeepOverallAndPerLevelFigures() throws Exception {
    RunDirectory run = Samples.started(runs, "eval");
    List<EvalReport> reports = new ArrayList<>();
    for (String stage : STAGES) {
      reports.add(Samples.eval(stage, 25));
      reports.add(Samples.eval(stage, 50));
    }
    for (EvalReport report : reports) {
      run.appendEval(report);
    }
    RunDirectory read = RunDirectory.openReadOnly(run.path());
    assertEquals(reports.stream().map(EvalRow::of).toList(), read.records().eval());
    assertEquals(reports.stream().flatMap(r -> EvalLevelRow.of(r).stream()).toList(), read.records().evalLevels());
    assertEquals(2 * reports.size(), read.records().evalLevels().size());
    EvalLevelRow level = read.records().evalLevels().get(0);
    assertSameBits(-0.0, level.get(Metric.RESPONSE_LEN_MEAN), "level 2 length");
    assertSameBits(1e-300, level.get(Metric.RESPONSE_LEN_P90), "level 2 p90");
    assertTrue(Double.isNaN(read.records().eval().get(0).passAtK()));
    assertEquals("stage,step,task,accuracy,pass_at_k,response_len_mean,pass_at_4,pass_at_8,pass_at_16,maj_at_k,"
        + "reflect_rate,fix_rate,uncorrected_error_rate,user_code_errors",
        Files.readAllLines(run.path().resolve("eval.csv")).get(0));
  }

  @Test
  void anEarlierVerityEvalCsvReadsWithItsMissingColumnsEmptyButIsNotResumedHere() throws Exception {
    RunDirectory run = Samples.started(runs, "older");
    run.appendEval(Samples.eval("rl", 25));
    Path eval = run.path().resolve("eval.csv");
    List<String> lines = Files.readAllLines(eval);
    int now = EvalReport.COLUMNS.size();
    // as a Verity without the last metric wrote it: a header one column shorter, rows likewise
    List<String> older = lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    Files.write(eval, older);

    List<EvalRow> read = RunDirectory.openReadOnly(run.path()).records().eval();
    assertEquals(1, read.size());
    assertEquals(Samples.eval("rl", 25).overall().accuracy(), read.get(0).accuracy(), "the columns it has");
    Metric added = Metric.evalOverall().get(Metric.evalOverall().size() - 1);
    assertTrue(Double.isNaN(read.get(0).get(added)), "the column it lacks reads as no figure");
    assertEquals(now - 1, older.get(0).split(",").length);

    RunFormatException refused = assertThrows(RunFormatException.class, () -> RunDirectory.open(run.path()));
    assertTrue(refused.getMessage().contains("written by an earlier Verity, without the columns "
        + EvalReport.COLUMNS.get(now - 1)), refused.getMessage());
  }

  @Test
  void aReplayOfARunRecordedBeforeAMetricExistedComparesTheColumnsItHas() throws Exception {
    RunDirectory recorded = Samples.started(runs, "recorded-earlier");
    RunDirectory replay = Samples.started(runs, "replayed-now");
    recorded.appendEval(Samples.eval("rl", 25));
    replay.appendEval(Samples.eval("rl", 25));
    Path eval = recorded.path().resolve("eval.csv");
    // as a Verity without the last metric wrote it; today's replay has a figure there, which it did not record
    Files.write(eval, Files.readAllLines(eval).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    assertEquals(List.of(), RunComparison.compare(RunDirectory.openReadOnly(recorded.path()), replay));

    Files.write(eval, Files.readAllLines(eval).stream().map(l -> l.replace(",0.3", ",0.4")).toList());
    assertEquals(1, RunComparison.compare(RunDirectory.openReadOnly(recorded.path()), replay).stream()
        .filter(d -> d.startsWith("eval.csv: first divergence")).count(), "a column it has is still compared");
  }

  @Test
  void rolloutsKeepQuotesLineBreaksNonAsciiTermsAndSpecialDoubles() throws Exception {
    RunDirectory run = Samples.started(runs, "rollouts");
    List<RolloutRecord> written = new ArrayList<>();
    for (String stage : STAGES) {
      for (long step = 0; step < 3; step++) {
        List<RolloutRecord> batch = Samples.rollouts(stage, step, 16, 60);
        run.appendRollouts(batch);
        written.addAll(batch);
      }
    }
    RunDirectory read = RunDirectory.openReadOnly(run.path());
    List<RolloutRecord> back = read.records().rollouts();
    assertEquals(written, back); // Map<String, Double> compares terms bit for bit too
    for (int i = 0; i < written.size(); i++) {
      assertSameBits(written.get(i).advantage(), back.get(i).advantage(), "advantage of " + i);
      assertEquals(List.copyOf(written.get(i).terms().keySet()), List.copyOf(back.get(i).terms().keySet()),
          "term order");
    }
    assertEquals(written.size(), Files.readAllLines(run.path().resolve("rollouts.jsonl")).size(),
        "one line per rollout: line breaks inside responses are escaped");
    assertEquals(written.subList(written.size() - 5, written.size()), read.records().lastRollouts(5));
    String first = Files.readAllLines(run.path().resolve("rollouts.jsonl")).get(0);
    assertTrue(first.startsWith("{\"stage\":\"sft\",\"step\":0,\"prompt_index\":0,\"sample\":0,\"prompt\":"), first);
    assertTrue(first.contains("\"terms\":{\"correct\":0.0,\"len \\\"chars\\\"\":\"NaN\"}"), first);
  }

  @Test
  void metricsTableHasTheSameColumnsWithStageAsText() throws Exception {
    RunDirectory run = Samples.started(runs, "table");
    for (long i = 0; i < 5; i++) {
      run.appendMetrics(Samples.metrics("rl, \"a\"", i));
    }
    Table table = run.records().metricsTable();
    assertEquals(StepMetrics.COLUMNS, table.columnNames());
    assertEquals(5, table.rowCount());
    assertEquals(ColumnType.STRING, table.column("stage").type());
    for (String c : StepMetrics.COLUMNS.subList(1, StepMetrics.COLUMNS.size())) {
      assertEquals(ColumnType.DOUBLE, table.column(c).type(), c);
    }
    assertEquals("rl, \"a\"", table.stringColumn("stage").get(4));
    assertEquals(4.0, table.doubleColumn("step").get(4));
    assertEquals(Samples.metrics("x", 3).kl(), table.doubleColumn("kl").getDouble(3));
    assertEquals(0, MetricsTables.of(List.of()).rowCount());
  }
}
