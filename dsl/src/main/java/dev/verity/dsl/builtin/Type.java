package dev.verity.dsl.builtin;

/** The type of an argument or setting, with how messages and docs describe it. */
public enum Type {
  INT("a whole number"),
  NUMBER("a number"),
  SCHEDULE("a number or a schedule such as cosine(1e-3 -> 1e-4)"),
  STRING("a string"),
  PATH("a path string, relative to the file's folder"),
  REGEX("a regex re\"…\""),
  RANGE("a level or a range such as 2..6"),
  NUMBER_ARROW("a change such as 1e-3 -> 1e-4"),
  RANGE_ARROW("a change of range such as 2..3 -> 2..6"),
  REWARD("a reward"),
  TASK("a task"),
  MODEL("a model"),
  SAMPLING("a sampling"),
  ALGORITHM("an algorithm such as grpo(clip: 0.2)"),
  KL("a kl estimator such as k3(0.01, to: reference), or none"),
  CURRICULUM("a curriculum such as linear(digits: 2..3 -> 2..6, over: 200), or none"),
  TRACES("a trace style or mix(direct: 0.8, scratchpad: 0.2)"),
  DOCTOR("warn() with thresholds such as warn(zero_std: 0.8, window: 12), or off"),
  PERIODIC_EVAL("a periodic evaluation such as add_test with greedy every 25, or none"),
  CHOICE("one of the listed names");

  private final String description;

  Type(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
