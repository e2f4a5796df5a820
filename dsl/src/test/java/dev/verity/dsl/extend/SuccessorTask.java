package dev.verity.dsl.extend;

import dev.verity.engine.catalog.Param;
import dev.verity.engine.task.Example;
import dev.verity.engine.task.GeneratorType;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TraceStyle;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A task written the way a new built-in is: one class with its definition ({@link #TYPE}). {@code successor(digits:
 * 1..3)} asks for n+1, e.g. {@code 129+1=}; the scratchpad writes the digits from the right with the carry, e.g.
 * {@code 9+1=10|2+1=3|1+0=1|>130}.
 */
record SuccessorTask(LevelRange levels) implements Task {
  static final GeneratorType TYPE = new GeneratorType("successor", "n+1= for n of the given digits.",
      Param.range("digits").within(1, 4).byDefault(new LevelRange(1, 2)).doc("digits of n (the difficulty knob)"),
      List.of(), args -> new SuccessorTask(args.range("digits")));

  @Override
  public GeneratorType type() {
    return TYPE;
  }

  @Override
  public Task withLevels(LevelRange levels) {
    return new SuccessorTask(levels);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    int digits = levels.min() + random.nextInt(levels.width());
    long low = digits == 1 ? 0 : (long) Math.pow(10, digits - 1);
    long n = low + random.nextLong((long) Math.pow(10, digits) - low);
    return new Problem(n + "+1=", Long.toString(n + 1), digits);
  }

  @Override
  public int longestPrompt(LevelRange levels) {
    return levels.max() + 3;
  }

  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    int d = levels.max();
    int answer = d + 1;
    return new Example(longestPrompt(levels), style == TraceStyle.DIRECT ? answer : 7 * d + 1 + answer);
  }

  @Override
  public String alphabet() {
    return "+0123456789=>|";
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    if (style == TraceStyle.DIRECT) {
      return problem.answer();
    }
    String n = problem.prompt().substring(0, problem.prompt().indexOf('+'));
    StringBuilder out = new StringBuilder();
    int carry = 1;
    for (int i = n.length() - 1; i >= 0; i--) {
      int digit = n.charAt(i) - '0';
      out.append(digit).append('+').append(carry).append('=').append(digit + carry).append('|');
      carry = (digit + carry) / 10;
    }
    return out.append('>').append(problem.answer()).toString();
  }

  @Override
  public String extractAnswer(String response) {
    int mark = response.lastIndexOf('>');
    return mark < 0 ? response : response.substring(mark + 1);
  }

  @Override
  public boolean verify(Problem problem, String response) {
    return extractAnswer(response).equals(problem.answer());
  }
}
