package dev.verity.engine.task;

import java.util.Locale;

/** How a reference response is written for supervised fine-tuning. */
public enum TraceStyle {
  /** Just the answer. */
  DIRECT,
  /** Fine-grained steps (e.g. digit by digit with carries), then {@code >} and the answer. */
  SCRATCHPAD,
  /** The scratchpad with extra notes per step: a longer path to the same answer, for long2short experiments. */
  VERBOSE;

  /** The name used in the DSL, e.g. {@code scratchpad}. */
  public String dslName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
