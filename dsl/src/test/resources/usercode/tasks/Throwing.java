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

/**
 * {@link Reverse} with a method that throws: one the checker asks (alphabet, longestPrompt), to show that it is
 * reported once at the class's name; or its generator or trace, to show that a stage stops naming the method.
 */
public record Throwing(Reverse reverse, String fails) implements Task {
  public static final GeneratorType TYPE = new GeneratorType("throwing", "Reverse, one of whose methods throws.",
      Param.range("length").within(1, 8).byDefault(new LevelRange(1, 2)).doc("word length"),
      List.of(Param.choice("fails", "alphabet", "longest", "generate", "trace").doc("which method throws")),
      args -> new Throwing(new Reverse(args.range("length")), args.text("fails")));

  @Override
  public TaskType type() {
    return TYPE;
  }

  @Override
  public LevelRange levels() {
    return reverse.levels();
  }

  @Override
  public Task withLevels(LevelRange levels) {
    return new Throwing(new Reverse(levels), fails);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    if (fails.equals("generate")) {
      throw new IllegalStateException("gen boom");
    }
    return reverse.generate(random);
  }

  @Override
  public int longestPrompt(LevelRange levels) {
    if (fails.equals("longest")) {
      throw new ArithmeticException("boom longest");
    }
    return reverse.longestPrompt(levels);
  }

  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    return reverse.longestExample(levels, style);
  }

  @Override
  public String alphabet() {
    if (fails.equals("alphabet")) {
      throw new RuntimeException("boom alphabet");
    }
    return reverse.alphabet();
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    if (fails.equals("trace")) {
      throw new IllegalStateException("trace boom");
    }
    return reverse.trace(problem, style);
  }

  @Override
  public String extractAnswer(String response) {
    return reverse.extractAnswer(response);
  }

  @Override
  public boolean verify(Problem problem, String response) {
    return reverse.verify(problem, response);
  }
}
