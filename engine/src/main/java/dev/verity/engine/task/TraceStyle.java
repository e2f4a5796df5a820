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
  VERBOSE("The scratchpad with extra notes per step: a longer path to the same answer."),
  /**
   * The scratchpad with each step, with probability p, first written wrong, then {@code !} and the step again,
   * right ({@code 2+5+0=8!2+5+0=7|}); the final answer is right. Drawn per example (addition, multiplication,
   * modchain: tasks whose steps can be checked, see {@link ArithmeticSteps}).
   */
  REFLECT("The scratchpad with each step, with probability p, first written wrong, then ! and the step again,"
      + " right (2+5+0=8!2+5+0=7|); the final answer is right. For tasks whose steps can be checked: addition,"
      + " multiplication, modchain.");

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

  /** Characters the style writes beyond its task's alphabet: a model that learns it must read them. */
  public String markers() {
    return this == REFLECT ? String.valueOf(ArithmeticSteps.CORRECTION) : "";
  }

  public static Optional<TraceStyle> find(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }
}
