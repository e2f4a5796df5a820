package tasks;

import dev.verity.engine.catalog.Param;
import dev.verity.engine.task.Example;
import dev.verity.engine.task.GeneratorType;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskType;
import dev.verity.engine.task.TraceStyle;
import java.util.List;
import java.util.SplittableRandom;

/** A user's task, as a jar ships it: {@code abb=} → {@code bba}; scratchpad {@code b|b|a|>bba}. */
public record Reverse(LevelRange levels) implements Task {
  public static final GeneratorType TYPE = new GeneratorType("reverse", "w= → w reversed, over the letters a and b.",
      Param.range("length").within(1, 8).byDefault(new LevelRange(1, 4)).doc("word length (the knob)"),
      List.of(), args -> new Reverse(args.range("length")));

  @Override
  public TaskType type() {
    return TYPE;
  }

  @Override
  public Task withLevels(LevelRange levels) {
    return new Reverse(levels);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    int n = levels.min() + random.nextInt(levels.width());
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < n; i++) {
      word.append(random.nextBoolean() ? 'a' : 'b');
    }
    return new Problem(word + "=", word.reverse().toString(), n);
  }

  @Override
  public int longestPrompt(LevelRange levels) {
    return levels.max() + 1;
  }

  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    int n = levels.max();
    return new Example(n + 1, style == TraceStyle.DIRECT ? n : 3 * n + 1);
  }

  @Override
  public String alphabet() {
    return "ab=|>";
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    if (style == TraceStyle.DIRECT) {
      return problem.answer();
    }
    StringBuilder steps = new StringBuilder();
    for (char c : problem.answer().toCharArray()) {
      steps.append(c).append('|');
    }
    return steps + ">" + problem.answer();
  }

  @Override
  public String extractAnswer(String response) {
    return response.substring(response.lastIndexOf('>') + 1);
  }

  @Override
  public boolean verify(Problem problem, String response) {
    return extractAnswer(response).equals(problem.answer());
  }
}
