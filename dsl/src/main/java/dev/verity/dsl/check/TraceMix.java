package dev.verity.dsl.check;

import dev.verity.engine.sft.SftSpec;
import dev.verity.engine.task.TraceStyle;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A checked {@code traces:} value: each style with its weight, and how often a {@code reflect} trace writes a step
 * wrong first ({@code reflect(p: 0.3)}, or {@code mix(…, reflect_p: 0.3)}).
 */
record TraceMix(Map<TraceStyle, Double> weights, double reflectP) {
  TraceMix {
    Map<TraceStyle, Double> ordered = new EnumMap<>(TraceStyle.class); // declaration order, as plans print it
    ordered.putAll(weights);
    weights = Collections.unmodifiableMap(ordered);
  }

  static TraceMix of(TraceStyle style) {
    Map<TraceStyle, Double> one = new EnumMap<>(TraceStyle.class);
    one.put(style, 1.0);
    return new TraceMix(one, SftSpec.DEFAULT_REFLECT_P);
  }

  /** Characters the mix's styles write beyond their task's, such as reflect's correction mark. */
  String markers() {
    StringBuilder out = new StringBuilder();
    weights.keySet().forEach(s -> out.append(s.markers()));
    return out.toString();
  }
}
