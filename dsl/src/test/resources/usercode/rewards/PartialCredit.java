package rewards;

import dev.verity.engine.reward.Rollout;
import dev.verity.engine.user.RewardFunction;

/** The share of the answer's characters in the right place, after the last {@code >}. */
public class PartialCredit implements RewardFunction {
  @Override
  public double score(Rollout rollout) {
    String want = rollout.problem().answer();
    String got = rollout.response().substring(rollout.response().lastIndexOf('>') + 1);
    int same = 0;
    for (int i = 0; i < Math.min(want.length(), got.length()); i++) {
      same += want.charAt(i) == got.charAt(i) ? 1 : 0;
    }
    return rollout.truncated() || want.isEmpty() ? 0 : (double) same / Math.max(want.length(), got.length());
  }
}
