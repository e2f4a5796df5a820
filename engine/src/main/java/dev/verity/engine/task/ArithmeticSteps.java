package dev.verity.engine.task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of the arithmetic tasks' scratchpads, each {@code expression=value|} with the expression's numbers
 * joined by {@code + - *} and evaluated left to right ({@code 2+5+0=7}, {@code 37*20=740}, modchain's
 * {@code 6-8=8}, whose values are reduced modulo m). Such a step can be checked exactly by itself: it is right
 * when its value is its expression's value. That is all "wrong step" means here: a step that copies the wrong
 * digit but adds it correctly is right, and the final answer's verifier judges the rest.
 *
 * <p>Reflective traces ({@link TraceStyle#REFLECT}) write some steps first wrong, then {@link #CORRECTION} and
 * the step again, right: {@code 1+7+0=8|2+5+0=8!2+5+0=7|>…}. The wrong value differs from the right one in its
 * last digit only, so a reflective step is never longer than twice its scratchpad step plus the marker.
 *
 * @param modulus values are reduced modulo this (modchain); 0 for plain integers
 */
public record ArithmeticSteps(int modulus) {
  /** The correction marker: what precedes it in a step is withdrawn. */
  public static final char CORRECTION = '!';
  private static final char STEP_END = '|';
  private static final Pattern STEP = Pattern.compile("(\\d{1,18}(?:[+*-]\\d{1,18})*)=(\\d{1,18})");
  private static final Pattern OPERAND = Pattern.compile("([+*-]?)(\\d{1,18})");

  /**
   * The longest reflective example given the longest scratchpad one, whose answer has {@code answer} characters:
   * every step written twice with the marker between, {@code x|} becoming {@code x'!x|} with x' as long as x.
   */
  public static Example longestReflective(Example scratchpad, int answer) {
    int steps = scratchpad.trace() - 1 - answer; // the trace less ">answer"
    return new Example(scratchpad.prompt(), scratchpad.trace() + steps);
  }

  /** Refuses {@link TraceStyle#REFLECT} where a task writes a fixed trace: reflective ones are drawn. */
  public static void requireFixed(TraceStyle style) {
    if (style == TraceStyle.REFLECT) {
      throw new IllegalArgumentException("reflect traces are drawn: use Task.trace(problem, style, p, random)");
    }
  }

  /** Plain integer steps (addition, multiplication). */
  public static final ArithmeticSteps INTEGERS = new ArithmeticSteps(0);

  public ArithmeticSteps {
    if (modulus < 0 || modulus == 1) {
      throw new IllegalArgumentException("modulus must be 0 (none) or at least 2, got " + modulus);
    }
  }

  /**
   * {@code scratchpad} (a trace of this task's scratchpad style) with each step, with probability {@code p},
   * first written wrong and corrected; the final answer stays right. Draws one number per step for the choice,
   * and one more per wrong step for its value, from {@code random}.
   */
  public String reflect(String scratchpad, double p, SplittableRandom random) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("reflect: p must be within 0..1, got " + p);
    }
    int answerAt = scratchpad.lastIndexOf(Answers.MARK);
    StringBuilder out = new StringBuilder(scratchpad.length() * 2);
    int start = 0;
    for (int end = scratchpad.indexOf(STEP_END); end >= 0 && end < answerAt; end = scratchpad.indexOf(STEP_END, start)) {
      String step = scratchpad.substring(start, end);
      if (random.nextDouble() < p) {
        int equals = step.lastIndexOf('=');
        out.append(step, 0, equals + 1).append(wrongValue(step.substring(equals + 1), random)).append(CORRECTION);
      }
      out.append(step).append(STEP_END);
      start = end + 1;
    }
    return out.append(scratchpad, start, scratchpad.length()).toString();
  }

  /** {@code right} with its last digit replaced by another, within the modulus where any such digit is. */
  private String wrongValue(String right, SplittableRandom random) {
    String head = right.substring(0, right.length() - 1);
    int last = right.charAt(right.length() - 1) - '0';
    List<Integer> digits = new ArrayList<>();
    for (int d = 0; d <= 9; d++) {
      if (d != last && (modulus == 0 || Long.parseLong(head + d) < modulus)) {
        digits.add(d);
      }
    }
    if (digits.isEmpty()) { // e.g. 10 modulo 11: every other last digit reaches the modulus; still wrong
      for (int d = 0; d <= 9; d++) {
        if (d != last) {
          digits.add(d);
        }
      }
    }
    return head + digits.get(random.nextInt(digits.size()));
  }

  /**
   * The facts of {@code response}'s steps: the segments before the last {@code >}, or, without one (an unfinished
   * response), those ended by {@code |}. A direct answer has no steps. Total: any text in, facts out.
   */
  public StepFacts facts(String response) {
    if (response == null) {
      return StepFacts.NONE;
    }
    int answerAt = response.lastIndexOf(Answers.MARK);
    String body = answerAt >= 0 ? response.substring(0, answerAt) : response.substring(0, response.lastIndexOf(STEP_END) + 1);
    int steps = 0;
    int wrong = 0;
    int corrections = 0;
    int fixes = 0;
    int uncorrected = 0;
    int start = 0;
    while (start < body.length()) {
      int end = body.indexOf(STEP_END, start);
      String step = body.substring(start, end < 0 ? body.length() : end);
      start = end < 0 ? body.length() : end + 1;
      steps++;
      boolean previousRight = true;
      boolean right = true;
      String[] attempts = step.split(String.valueOf(CORRECTION), -1);
      for (int i = 0; i < attempts.length; i++) {
        right = isRight(attempts[i]);
        wrong += right ? 0 : 1;
        if (i > 0) {
          corrections++;
          fixes += !previousRight && right ? 1 : 0;
        }
        previousRight = right;
      }
      uncorrected += right ? 0 : 1;
    }
    return new StepFacts(steps, wrong, corrections, fixes, uncorrected);
  }

  /** Whether {@code attempt} reads {@code expression=value} with the value its expression's. */
  boolean isRight(String attempt) {
    Matcher step = STEP.matcher(attempt);
    if (!step.matches()) {
      return false;
    }
    Matcher operand = OPERAND.matcher(step.group(1));
    long value = 0;
    try {
      while (operand.find()) {
        long n = Long.parseLong(operand.group(2));
        value = switch (operand.group(1)) {
          case "" -> n;
          case "+" -> Math.addExact(value, n);
          case "-" -> Math.subtractExact(value, n);
          default -> Math.multiplyExact(value, n);
        };
        if (modulus > 0) {
          value = Math.floorMod(value, modulus);
        }
      }
    } catch (ArithmeticException overflow) {
      return false; // no step of these tasks overflows a long: a model wrote digits no trace holds
    }
    return value == Long.parseLong(step.group(2));
  }
}
