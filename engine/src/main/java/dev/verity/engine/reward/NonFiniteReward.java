package dev.verity.engine.reward;

import java.util.Optional;

/**
 * A reward, or one of its terms, that came out NaN or infinite for a rollout. Caught where it is computed: an
 * infinite reward would make every advantage of its group NaN and the loss with it, and the run would then stop
 * blaming the learning rate. The message names the reward, the part that failed, and the rollout.
 */
public final class NonFiniteReward extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private NonFiniteReward(String message) {
    super(message);
  }

  /**
   * @param reward the reward's declared name, empty for a reward written inline
   * @param total the reward's value for the rollout
   * @param term the first recorded term that was not finite, as {@code name is value} (a Java term's NaN); empty
   *     when every term was finite and the arithmetic combining them overflowed
   * @param terms the rollout's recorded terms, as {@code name = value, …}
   */
  static NonFiniteReward of(Optional<String> reward, double total, Optional<String> term, String terms,
      Rollout rollout) {
    String which = reward.map(r -> "reward '" + r + "'").orElse("the reward");
    String head = Double.isFinite(total) ? which + " cannot be scored" : which + " is " + total;
    String why = term.map(t -> "its term " + t).orElse("its arithmetic overflowed (" + terms + ")");
    String fix = term.isPresent()
        ? "make that term return one (a Java term's score must be finite)"
        : "bound what overflows, e.g. with min(…, 1), or scale its coefficients down";
    return new NonFiniteReward(head + " for the prompt " + quoted(rollout.problem().prompt())
        + " and the response " + quoted(rollout.response()) + ": " + why + ". A reward must be a finite number: "
        + fix);
  }

  /**
   * A finite reward so large that its group's advantages overflowed (its mean or spread is not a number).
   *
   * @param value the largest reward of the step, given by {@code rollout}
   */
  public static NonFiniteReward tooLarge(Optional<String> reward, double value, Rollout rollout) {
    String which = reward.map(r -> "reward '" + r + "'").orElse("the reward");
    return new NonFiniteReward(which + " is " + value + " for the prompt " + quoted(rollout.problem().prompt())
        + " and the response " + quoted(rollout.response()) + ", too large to compare with the other samples: the"
        + " advantages overflowed. A reward must be a finite number of a workable size: scale it down (rewards"
        + " near 1 train best)");
  }

  /** The same failure, said of the stage step that scored it. */
  public NonFiniteReward at(String stage, long step) {
    return new NonFiniteReward(stage + " step " + (step + 1) + ": " + getMessage());
  }

  private static String quoted(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return "'" + shown.replace("\n", "\\n") + "'";
  }
}
