package dev.verity.engine.user;

import dev.verity.engine.task.ArithmeticSteps;
import dev.verity.engine.task.Example;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskType;
import dev.verity.engine.task.TraceStyle;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * A user's task with its verifier guarded: {@link #verify} and {@link #extractAnswer} — called for every rollout —
 * give "wrong" and no answer when the user's code throws or overruns, counted by {@code guard}. Everything else
 * is passed through unguarded: a generator or trace that fails stops the stage with its message, as bad data does.
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
    return task.knobName();
  }

  @Override
  public LevelRange knobLimits() {
    return task.knobLimits();
  }

  @Override
  public LevelRange levels() {
    return task.levels();
  }

  @Override
  public Task withLevels(LevelRange levels) {
    return new UserTask(task.withLevels(levels), guard);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    return task.generate(random);
  }

  @Override
  public int longestPrompt(LevelRange levels) {
    return task.longestPrompt(levels);
  }

  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    return task.longestExample(levels, style);
  }

  @Override
  public OptionalLong distinctPrompts() {
    return task.distinctPrompts();
  }

  @Override
  public String alphabet() {
    return task.alphabet();
  }

  @Override
  public Optional<String> lacks(TraceStyle style) {
    return task.lacks(style);
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    return task.trace(problem, style);
  }

  @Override
  public String trace(Problem problem, TraceStyle style, double reflectP, SplittableRandom random) {
    return task.trace(problem, style, reflectP, random);
  }

  @Override
  public Optional<ArithmeticSteps> steps() {
    return task.steps();
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
}
