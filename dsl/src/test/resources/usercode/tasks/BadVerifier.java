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
 * {@link Reverse} with a verifier that throws or never returns, to show that it cannot take a run down; or with an
 * alphabet that never returns, to show that it cannot hang a check.
 */
public record BadVerifier(Reverse reverse, String fails) implements Task {
  public static final GeneratorType TYPE = new GeneratorType("bad_verifier", "Reverse, whose verifier fails.",
      Param.range("length").within(1, 8).byDefault(new LevelRange(1, 2)).doc("word length"),
      List.of(Param.choice("fails", "throws", "loops", "alphabet").doc("what fails, and how")),
      args -> new BadVerifier(new Reverse(args.range("length")), args.text("fails")));

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
    return new BadVerifier(new Reverse(levels), fails);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    return reverse.generate(random);
  }

  @Override
  public int longestPrompt(LevelRange levels) {
    return reverse.longestPrompt(levels);
  }

  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    return reverse.longestExample(levels, style);
  }

  @Override
  public String alphabet() {
    while (fails.equals("alphabet")) { // never checks for interruption
      Thread.onSpinWait();
    }
    return reverse.alphabet();
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    return reverse.trace(problem, style);
  }

  @Override
  public String extractAnswer(String response) {
    return reverse.extractAnswer(response);
  }

  @Override
  public boolean verify(Problem problem, String response) {
    if (fails.equals("throws")) {
      throw new IllegalStateException("the verifier broke on " + problem.prompt());
    }
    while (true) { // never checks for interruption
      Thread.onSpinWait();
    }
  }
}
