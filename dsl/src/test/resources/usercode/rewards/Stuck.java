package rewards;

import dev.verity.engine.reward.Rollout;
import dev.verity.engine.user.RewardFunction;

/** A reward term whose constructor never returns: the checker must not hang on it. */
public class Stuck implements RewardFunction {
  public Stuck() {
    while (true) {} // never checks for interruption
  }

  @Override
  public double score(Rollout rollout) {
    return 1;
  }
}
