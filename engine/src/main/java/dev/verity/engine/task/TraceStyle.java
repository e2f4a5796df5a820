package dev.verity.engine.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a reference response is written for supervised fine-tuning; each style defined once, with its doc. */
public enum TraceStyle {
  /** Just the answer. */
  DIRECT("Just the answer."),
  /** Fine-grained steps (e.g. digit by digit with carries), then {@code >} and the answer. */
  SCRATCHPAD("Fine-grained steps (e.g. digit by digit with carries), then > and the answer."),
  /** The scratchpad with extra notes per step: a longer path to the same answer, for long2short experiments. */
  VERBOSE("The scratchpad with extra notes per step: a longer path to the same answer.");

  private final String doc;

  TraceStyle(String doc) {
    this.doc = doc;
  }

  /** The style's name, e.g. {@code scratchpad}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One line saying what the style writes. */
  public String doc() {
    return doc;
  }

  public static Optional<TraceStyle> find(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }
}
