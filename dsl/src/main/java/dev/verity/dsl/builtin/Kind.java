package dev.verity.dsl.builtin;

/** What a built-in is, which decides where it may be used. */
public enum Kind {
  STATEMENT("statement"),
  TASK("task"),
  MODEL("model"),
  REWARD_TERM("reward term"),
  SCHEDULE("schedule"),
  SAMPLING("sampling"),
  ALGORITHM("algorithm"),
  KL_ESTIMATOR("kl estimator"),
  CURRICULUM("curriculum"),
  DOCTOR("doctor mode"),
  TRACE_MIX("trace mix"),
  TABLE_SOURCE("table source"),
  METRIC("metric"),
  AXIS("plot axis");

  private final String label;

  Kind(String label) {
    this.label = label;
  }

  /** How messages and docs name the kind, e.g. {@code reward term}. */
  public String label() {
    return label;
  }
}
