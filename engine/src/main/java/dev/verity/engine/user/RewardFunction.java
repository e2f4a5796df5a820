package dev.verity.engine.user;

import dev.verity.engine.reward.Rollout;

/**
 * A reward term written in Java, named in the DSL by its class: {@code reward partial = java("PartialCredit")}.
 * It scores one rollout at a time, as the built-in per-rollout terms do, and combines with them like any term
 * ({@code exact_answer() + 0.5 * java("PartialCredit")}).
 *
 * <p>The rollout holds everything a score may depend on: the problem ({@link Rollout#problem()}: prompt, reference
 * answer, level), the response text, its length in tokens and whether it was truncated at max_tokens. A term
 * should be a pure function of it, so that a replay scores alike.
 *
 * <p>A class is made with its no-argument constructor and takes no arguments in the DSL; to take some,
 * declare them as the built-ins do, in a {@code public static final Definition<RewardFunction> TYPE}
 * ({@link dev.verity.engine.catalog.Definition#of}) whose factory makes the term from checked arguments.
 *
 * <p>A call that throws or runs longer than its limit (1 s by default) scores 0 and is counted in the stage's
 * {@code user_code_errors}; the run goes on.
 */
@FunctionalInterface
public interface RewardFunction {
  /** The rollout's reward; NaN counts as 0. */
  double score(Rollout rollout);
}
