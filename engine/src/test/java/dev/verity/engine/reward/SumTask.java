package dev.verity.engine.reward;

import dev.verity.engine.catalog.Param;
import dev.verity.engine.task.GeneratorType;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TraceStyle;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A test fixture task: single-digit sums whose verifier reads the answer as a number, so {@code "042"} is right
 * for 42 where a plain string comparison would say wrong.
 */
final class SumTask implements Task {
  static final GeneratorType TYPE = new GeneratorType("sum", "Single-digit sums, verified as numbers.",
      Param.range("digits").within(1, 1).byDefault(LevelRange.of(1)), List.of(), args -> new SumTask());

  @Override
  public GeneratorType type() {
    return TYPE;
  }

  @Override
  public String knobName() {
    return "digits";
  }

  @Override
  public LevelRange knobLimits() {
    return LevelRange.of(1);
  }

  @Override
  public LevelRange levels() {
    return LevelRange.of(1);
  }

  @Override
  public Task withLevels(LevelRange levels) {
    return this;
  }

  @Override
  public Problem generate(SplittableRandom random) {
    int a = random.nextInt(10);
    int b = random.nextInt(10);
    return new Problem(a + "+" + b + "=", Integer.toString(a + b), 1);
  }

  @Override
  public int longestPrompt(LevelRange levels) {
    return 4; // 9+9=
  }

  @Override
  public dev.verity.engine.task.Example longestExample(LevelRange levels, TraceStyle style) {
    return new dev.verity.engine.task.Example(4, 2);
  }

  @Override
  public String alphabet() {
    return "0123456789+=>";
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    return problem.answer();
  }

  @Override
  public String extractAnswer(String response) {
    return response.substring(response.lastIndexOf('>') + 1);
  }

  @Override
  public boolean verify(Problem problem, String response) {
    String answer = extractAnswer(response);
    return answer.matches("[0-9]{1,9}") && Integer.parseInt(answer) == Integer.parseInt(problem.answer());
  }
}
