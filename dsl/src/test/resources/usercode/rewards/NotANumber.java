package rewards;

import dev.verity.engine.reward.Rollout;
import dev.verity.engine.user.RewardFunction;

/** A reward term with a bug: a share of nothing, 0/0, which is NaN for every rollout. */
public class NotANumber implements RewardFunction {
  @Override
  public double score(Rollout rollout) {
    int counted = 0;
    return (double) counted / counted;
  }
}
