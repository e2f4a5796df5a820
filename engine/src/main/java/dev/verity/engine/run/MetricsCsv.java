package dev.verity.engine.run;

import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.List;

/** metrics.csv: one {@link StepMetrics} per row, under {@link StepMetrics#COLUMNS}. */
final class MetricsCsv implements CsvLog.Schema<StepMetrics> {
  static final MetricsCsv SCHEMA = new MetricsCsv();

  private MetricsCsv() {}

  @Override
  public List<String> header() {
    return StepMetrics.COLUMNS;
  }

  @Override
  public List<String> fields(StepMetrics m) {
    List<String> out = new ArrayList<>(List.of(m.stage(), Long.toString(m.step())));
    double[] values = m.values();
    for (int i = 1; i < values.length; i++) { // values()[0] is the step, written above as a whole number
      out.add(Fields.number(values[i]));
    }
    return out;
  }

  @Override
  public StepMetrics parse(Fields f) throws RunFormatException {
    return new StepMetrics(f.text(0), f.whole(1), f.number(2), f.number(3), f.number(4), f.number(5), f.number(6),
        f.number(7), f.number(8), f.number(9), f.number(10), f.number(11), f.number(12), f.number(13));
  }
}
