package dev.verity.engine.run;

import dev.verity.engine.metric.Metric;
import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
    for (Metric metric : Metric.step()) {
      out.add(Fields.number(m.get(metric)));
    }
    return out;
  }

  @Override
  public StepMetrics parse(Fields f) throws RunFormatException {
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    List<Metric> columns = Metric.step();
    for (int i = 0; i < columns.size(); i++) {
      values.put(columns.get(i), f.number(i + 2)); // after stage and step
    }
    return new StepMetrics(f.text(0), f.whole(1), values);
  }
}
