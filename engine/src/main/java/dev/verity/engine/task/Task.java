package dev.verity.engine.task;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * A source of problems whose answers can be checked exactly.
 *
 * <p>Implementations are immutable; {@link #withLevels} returns a copy, which is how a curriculum moves the
 * difficulty knob. Verifiers are total: any string in, a verdict out, never an exception.
 */
public interface Task {
  /** The definition this task was made from. */
  TaskType type();

  /** The task's name, e.g. {@code addition}. */
  default String name() {
    return type().name();
  }

  /**
   * The name of the difficulty knob, e.g. {@code digits}: a generator's knob parameter. A task whose type is not a
   * {@link GeneratorType} overrides this and {@link #knobLimits()}.
   */
  default String knobName() {
    return ((GeneratorType) type()).knobParam().name();
  }

  /** The levels this task can generate at all, e.g. 1..12 digits: a generator's knob limits. */
  default LevelRange knobLimits() {
    return ((GeneratorType) type()).limits();
  }

  /** The levels problems are currently drawn from. */
  LevelRange levels();

  /** A copy drawing problems from {@code levels}, which must lie within {@link #knobLimits()}. */
  Task withLevels(LevelRange levels);

  /** Draws one problem at a level drawn uniformly from {@link #levels()}. */
  Problem generate(SplittableRandom random);

  /**
   * The length in characters of the longest prompt this task can draw at {@code levels} (any levels within
   * {@link #knobLimits()}, not only the current ones: a curriculum moves there). Never less than any generated
   * prompt, so a context that holds it holds them all.
   */
  int longestPrompt(LevelRange levels);

  /**
   * The longest prompt plus trace in {@code style} of any problem at {@code levels}, as the pair's two lengths.
   * Never less than any generated pair; generators compute it from their parameters, user data by reading it.
   */
  Example longestExample(LevelRange levels, TraceStyle style);

  /**
   * How many distinct prompts this task can draw at its current {@link #levels()}, saturating at
   * {@code Long.MAX_VALUE}; empty when not counted (a frozen set of any size is then taken to fit).
   */
  default OptionalLong distinctPrompts() {
    return OptionalLong.empty();
  }

  /** Every character that can appear in a prompt or in a trace of any style. */
  String alphabet();

  /**
   * Why this task cannot write traces in {@code style}, with the fix (a phrase after the task's name); empty when
   * it can. Generators write every style.
   */
  default Optional<String> lacks(TraceStyle style) {
    return style == TraceStyle.REFLECT && steps().isEmpty()
        ? Optional.of("has no steps that can be checked, so no reflect traces: use scratchpad") : Optional.empty();
  }

  /**
   * The reference response for supervised fine-tuning, in the given style (no end-of-sequence marker); a
   * reflective trace is drawn, so it comes from {@link #trace(Problem, TraceStyle, double, SplittableRandom)}.
   */
  String trace(Problem problem, TraceStyle style);

  /**
   * As {@link #trace(Problem, TraceStyle)}, and for {@link TraceStyle#REFLECT} the scratchpad with each step
   * first written wrong and corrected with probability {@code reflectP}, drawn from {@code random}.
   */
  default String trace(Problem problem, TraceStyle style, double reflectP, SplittableRandom random) {
    if (style != TraceStyle.REFLECT) {
      return trace(problem, style);
    }
    ArithmeticSteps steps = steps().orElseThrow(() -> new IllegalArgumentException(
        "task " + name() + " " + lacks(style).orElse("writes no reflect traces")));
    return steps.reflect(trace(problem, TraceStyle.SCRATCHPAD), reflectP, random);
  }

  /** How this task's scratchpad steps are checked, for step-level rewards and metrics; empty when they are not. */
  default Optional<ArithmeticSteps> steps() {
    return Optional.empty();
  }

  /** The final answer within a response: what follows the last {@code >}, or the whole response without one. */
  String extractAnswer(String response);

  /** Whether the response's final answer is exactly right. Never throws. */
  boolean verify(Problem problem, String response);
}
