package dev.verity.engine.task;

import java.nio.file.Path;

/**
 * A declared task: which built-in, with which settings. {@code count > 0} makes it a frozen set of that many
 * problems drawn once from the experiment's seed (an evaluation set); {@code count == 0} is an endless generator.
 */
public sealed interface TaskSpec
    permits TaskSpec.Addition, TaskSpec.Multiplication, TaskSpec.Countdown, TaskSpec.Modchain, TaskSpec.Jsonl {

  int count();

  /** {@code addition(digits: 2..6)}: operands of that many digits. */
  record Addition(LevelRange digits, int count) implements TaskSpec {}

  /** {@code multiplication(digits: 1..3)}. */
  record Multiplication(LevelRange digits, int count) implements TaskSpec {}

  /** {@code countdown(numbers: 3..4, target: 10..100)}: reach the target from the given numbers. */
  record Countdown(LevelRange numbers, LevelRange target, int count) implements TaskSpec {}

  /** {@code modchain(depth: 1..4)}: a chain of that many modular operations. */
  record Modchain(LevelRange depth, int modulus, int count) implements TaskSpec {}

  /**
   * {@code jsonl("data/problems.jsonl", prompt: "question", answer: "answer")}: user data. {@code trace} names an
   * optional field with a step-by-step solution; {@code level} an optional integer field used as difficulty.
   */
  record Jsonl(Path path, String prompt, String answer, String trace, String level, int count)
      implements TaskSpec {}
}
