package dev.verity.engine.task;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A training task that never draws the prompts of the experiment's evaluation sets: train and test stay disjoint.
 * A draw whose prompt is held out is drawn again from the same stream, so the problems stay a function of the
 * seed. Everything else (verifier, traces, lengths, alphabet) is the wrapped task's.
 */
public final class HeldOutTask implements Task {
  /** Draws per problem before concluding that every problem at the task's levels is held out. */
  static final int MAX_REDRAWS = 100_000;

  private final Task task;
  private final Set<String> heldOut;
  private final String heldOutBy;

  /**
   * @param heldOut the prompts training must not see
   * @param heldOutBy the evaluation sets they come from, for messages (e.g. {@code add_test})
   */
  public HeldOutTask(Task task, Set<String> heldOut, String heldOutBy) {
    this.task = task instanceof HeldOutTask h ? h.task : task;
    this.heldOut = Set.copyOf(heldOut);
    this.heldOutBy = heldOutBy;
  }

  /** The task it draws from, prompts held out aside. */
  public Task inner() {
    return task;
  }

  /** How many prompts are held out of training. */
  public int heldOutCount() {
    return heldOut.size();
  }

  @Override
  public Problem generate(SplittableRandom random) {
    for (int i = 0; i < MAX_REDRAWS; i++) {
      Problem p = task.generate(random);
      if (!heldOut.contains(p.prompt())) {
        return p;
      }
    }
    throw new IllegalStateException("every problem " + task.name() + " draws at " + task.knobName() + ": "
        + task.levels() + " is in the evaluation set " + heldOutBy + ", which training never sees: evaluate on"
        + " fewer problems (a smaller count) or train on more levels");
  }

  @Override
  public Task withLevels(LevelRange levels) {
    return new HeldOutTask(task.withLevels(levels), heldOut, heldOutBy);
  }

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
    return task.trace(problem, style, reflectP, random); // a task's own reflect traces, not Task's default
  }

  @Override
  public Optional<ArithmeticSteps> steps() {
    return task.steps();
  }

  @Override
  public String extractAnswer(String response) {
    return task.extractAnswer(response);
  }

  @Override
  public boolean verify(Problem problem, String response) {
    return task.verify(problem, response);
  }
}
