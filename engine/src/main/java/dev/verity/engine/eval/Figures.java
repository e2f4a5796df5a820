package dev.verity.engine.eval;

import dev.verity.engine.metric.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation's figures on a set of problems — every {@link Metric#eval()} metric, by metric — and how many
 * problems they cover. Figures eval.csv does not keep (the overall p90) read back as NaN.
 */
public record Figures(int problems, Map<Metric, Double> values) {
  public Figures {
    EnumMap<Metric, Double> all = new EnumMap<>(Metric.class);
    for (Metric m : Metric.eval()) {
      all.put(m, values.getOrDefault(m, Double.NaN));
    }
    values = Collections.unmodifiableMap(all);
  }

  /** The figures in the order of {@link Metric#eval()}. */
  public static Figures of(int problems, double... inOrder) {
    List<Metric> metrics = Metric.eval();
    if (inOrder.length != metrics.size()) {
      throw new IllegalArgumentException(inOrder.length + " figures for " + metrics);
    }
    EnumMap<Metric, Double> values = new EnumMap<>(Metric.class);
    for (int i = 0; i < inOrder.length; i++) {
      values.put(metrics.get(i), inOrder[i]);
    }
    return new Figures(problems, values);
  }

  public double get(Metric metric) {
    return values.getOrDefault(metric, Double.NaN);
  }

  public double accuracy() {
    return get(Metric.ACCURACY);
  }

  public double passAtK() {
    return get(Metric.PASS_AT_K);
  }

  public double responseLenMean() {
    return get(Metric.RESPONSE_LEN_MEAN);
  }

  public double responseLenP90() {
    return get(Metric.RESPONSE_LEN_P90);
  }
}
