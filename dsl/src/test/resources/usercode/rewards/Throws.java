package rewards;

import dev.verity.engine.reward.Rollout;
import dev.verity.engine.user.RewardFunction;

/** A reward term that always throws. */
public class Throws implements RewardFunction {
  @Override
  public double score(Rollout rollout) {
    throw new ArithmeticException("no reward for " + rollout.problem().prompt());
  }
}
