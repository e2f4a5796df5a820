package dev.verity.engine.user;

import dev.verity.engine.task.ArithmeticSteps;
import dev.verity.engine.task.Example;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskDataException;
import dev.verity.engine.task.TaskType;
import dev.verity.engine.task.TraceStyle;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * A user's task with its verifier guarded: {@link #verify} and {@link #extractAnswer} — called for every rollout —
 * give "wrong" and no answer when the user's code throws or overruns, counted by {@code guard}. What the checker
 * asks (levels, knob, lengths, alphabet, trace styles, distinct prompts) runs within the guard's limit too, and
 * throws {@link UserCodeOverrun} past it, so a method that never returns cannot hang a check; one that throws
 * throws {@link UserCodeFailure}, naming the method as a failing verifier is named. A generator or trace that throws
 * stops the stage with such a message, as bad data does.
 * Its {@link #type()} is the user's own, so a generator is held out of its evaluation sets like a built-in one.
 */
public record UserTask(Task task, UserCode guard) implements Task {
  @Override
  public TaskType type() {
    return task.type();
  }

  @Override
  public String name() {
    return task.name();
  }

  @Override
  public String knobName() {
    return ask("knobName", task::knobName);
  }

  @Override
  public LevelRange knobLimits() {
    return ask("knobLimits", task::knobLimits);
  }

  @Override
  public LevelRange levels() {
    return ask("levels", task::levels);
  }

  @Override
  public Task withLevels(LevelRange levels) {
    try {
      return new UserTask(ask("withLevels", () -> task.withLevels(levels)), guard);
    } catch (UserCodeFailure failed) {
      if (failed.getCause() instanceof IllegalArgumentException refused) {
        throw refused; // levels it does not take: refused as a built-in task refuses them
      }
      throw failed;
    }
  }

  @Override
  public Problem generate(SplittableRandom random) {
    return run("generate", () -> task.generate(random));
  }

  @Override
  public int longestPrompt(LevelRange levels) {
    return ask("longestPrompt", () -> task.longestPrompt(levels));
  }

  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    return ask("longestExample", () -> task.longestExample(levels, style));
  }

  @Override
  public OptionalLong distinctPrompts() {
    return ask("distinctPrompts", task::distinctPrompts);
  }

  @Override
  public String alphabet() {
    return ask("alphabet", task::alphabet);
  }

  @Override
  public Optional<String> lacks(TraceStyle style) {
    return ask("lacks", () -> task.lacks(style));
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    return run("trace", () -> task.trace(problem, style));
  }

  @Override
  public String trace(Problem problem, TraceStyle style, double reflectP, SplittableRandom random) {
    return run("trace", () -> task.trace(problem, style, reflectP, random));
  }

  @Override
  public Optional<ArithmeticSteps> steps() {
    return ask("steps", task::steps);
  }

  @Override
  public String extractAnswer(String response) {
    String answer = guard.call("extractAnswer", () -> task.extractAnswer(response), "");
    return answer == null ? "" : answer;
  }

  @Override
  public boolean verify(Problem problem, String response) {
    return Boolean.TRUE.equals(guard.call("verify", () -> task.verify(problem, response), false));
  }

  /**
   * A call the checker makes, within the guard's limit; one that throws throws {@link UserCodeFailure} naming the
   * method, one that runs past the limit {@link UserCodeOverrun}.
   */
  private <T> T ask(String method, Callable<T> call) {
    try {
      return guard.require(guard.owner() + "." + method + "()", call);
    } catch (UserCodeOverrun | UserCodeFailure passed) {
      throw passed;
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError thrown) {
      throw new UserCodeFailure(guard.owner(), method, thrown);
    }
  }

  /**
   * A call a stage makes for every problem (its generator, its trace), on the caller's thread: one that throws
   * throws {@link UserCodeFailure} naming the method, which stops the stage with that message.
   */
  private <T> T run(String method, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (TaskDataException bad) {
      throw bad;
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError thrown) {
      throw new UserCodeFailure(guard.owner(), method, thrown);
    }
  }
}
