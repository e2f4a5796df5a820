package dev.verity.engine.reward;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rollout's reward: the total and the value of every term in the expression, keyed as in {@link
 * RewardEvaluator#termNames()} and in that order.
 */
public record RewardResult(double total, Map<String, Double> terms) {
  public RewardResult {
    terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms)); // keeps the evaluator's stable order
  }
}
