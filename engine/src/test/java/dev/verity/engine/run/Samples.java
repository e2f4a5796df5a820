package dev.verity.engine.run;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Figures;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records with awkward values, the same every time, for round trips and the crash test. */
final class Samples {
  private Samples() {}

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T09:26:53Z"), ZoneOffset.UTC);

  static final Manifest.Versions VERSIONS = new Manifest.Versions("0.1.0", "0.36.0", "2.7.1", "17.0.15");

  /** Doubles that a fixed-format writer would get wrong. */
  static final double[] AWKWARD = {
    Double.NaN, -0.0, 0.0, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, 1.0 / 3, -2.5e17,
    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 123456789.123456789, Math.PI
  };

  /** A new run under {@code runs}, started, so it may record. */
  static RunDirectory started(Path runs, String experiment) throws IOException {
    RunDirectory run = RunDirectory.create(runs, experiment, CLOCK);
    run.start(RunSettings.of(7, 1, "cpu()"), VERSIONS);
    return run;
  }

  /** The step {@code i}'s metrics: values drawn from {@link #AWKWARD} and the step. */
  static StepMetrics metrics(String stage, long i) {
    StepMetrics row = StepMetrics.of(stage, i);
    List<Metric> columns = Metric.step();
    for (int c = 0; c < columns.size(); c++) {
      int pick = (int) ((i * 7 + c * 3) % (AWKWARD.length + 1));
      row = row.with(columns.get(c), pick == AWKWARD.length ? i / 7.0 + c : AWKWARD[pick]);
    }
    return row;
  }

  /** Step {@code step}'s batch: {@code count} rollouts with quotes, line breaks and non-ASCII text. */
  static List<RolloutRecord> rollouts(String stage, long step, int count, int responseChars) {
    List<RolloutRecord> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Map<String, Double> terms = new LinkedHashMap<>();
      terms.put("correct", (double) ((step + k) % 2));
      terms.put("len \"chars\"", AWKWARD[(int) ((step + k) % AWKWARD.length)]);
      String response = ("step " + step + " «ответ» \"q\"\n\t\\ 😀 ").repeat(Math.max(1, responseChars / 24))
          + k;
      out.add(new RolloutRecord(stage, step, k / 4, k % 4, "12+30=\n", response, "42", k * 0.25 - 1,
          terms, AWKWARD[(int) ((step * 3 + k) % AWKWARD.length)], response.length(), k % 3 == 0));
    }
    return out;
  }

  /** An evaluation at {@code step} with two levels. */
  static EvalReport eval(String stage, long step) {
    Figures all = Figures.of(64, 0.1 + 0.2, Double.NaN, 17.0 / 3, 24, 0.5, Double.NaN, 1.0 / 7, 0.25, 0.375, Double.NaN, 0.0625, 3);
    List<EvalReport.LevelFigures> levels = List.of(
        new EvalReport.LevelFigures(2, Figures.of(32, 1.0, 1.0, -0.0, 1e-300, 1.0, 1.0, Double.NaN, 0.0, 0.0, 1.0, 0.5, 0)),
        new EvalReport.LevelFigures(3, Figures.of(32, 1.0 / 3, 0.5, step, Double.MIN_VALUE, 2.0 / 3, 0.9, 1e-17, 1.0 / 3, 1.0 / 9, 0.2, Double.NaN, 3)));
    return new EvalReport(stage, step, "add, \"test\"", 1, all, levels);
  }
}
