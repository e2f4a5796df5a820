package dev.verity.engine.user;

import dev.verity.engine.reward.RewardExpr;

/**
 * A reward term written in Java ({@link RewardFunction}) as a term of reward expressions, recorded under
 * {@code name}; each call guarded, so a score that throws or overruns is 0 and counted. A score that is NaN or
 * infinite is passed on as it is, for the evaluator to refuse ({@link dev.verity.engine.reward.NonFiniteReward}):
 * it is a bug in the term, which a 0 would hide.
 */
public record UserRewardTerm(String name, RewardFunction function, UserCode guard) implements RewardExpr.Term {
  @Override
  public RewardExpr.Scorer scorer() {
    return RewardExpr.Scorer.perRollout((rollout, task) -> {
      Double score = guard.call("score", () -> function.score(rollout), 0.0);
      return score == null ? 0 : score;
    });
  }
}
