package dev.verity.engine.user;

import dev.verity.engine.reward.RewardExpr;

/**
 * A reward term written in Java ({@link RewardFunction}) as a term of reward expressions, recorded under
 * {@code name}; each call guarded, so a score that throws or overruns is 0 and counted.
 */
public record UserRewardTerm(String name, RewardFunction function, UserCode guard) implements RewardExpr.Term {
  @Override
  public RewardExpr.Scorer scorer() {
    return RewardExpr.Scorer.perRollout((rollout, task) -> {
      Double score = guard.call("score", () -> function.score(rollout), 0.0);
      return score == null || Double.isNaN(score) ? 0 : score;
    });
  }
}
