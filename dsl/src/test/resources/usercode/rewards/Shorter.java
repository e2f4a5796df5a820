package rewards;

import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.reward.Rollout;
import dev.verity.engine.user.RewardFunction;
import java.util.List;

/** A reward term with an argument, declared as the built-ins declare theirs: −weight × tokens / 100. */
public record Shorter(double weight) implements RewardFunction {
  public static final Definition<RewardFunction> TYPE = Definition.of("shorter", "−weight × tokens / 100.",
      List.of(Param.number("weight").within(0, 1).byDefault(0.5).doc("how much a token costs, ×100")),
      args -> new Shorter(args.number("weight")));

  @Override
  public double score(Rollout rollout) {
    return -weight * rollout.tokens() / 100;
  }
}
