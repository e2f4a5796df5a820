package dev.verity.engine.rl;

import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.optim.Schedule;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A KL penalty: {@code k3(0.01, to: reference)}. */
public record KlSpec(Estimator estimator, Schedule coefficient, Target target) {
  /** The estimators of KL(π‖π_ref) per sampled token, with d = log π − log π_ref. */
  public enum Estimator {
    K1("k1 = log(π/π_ref), a detached penalty: its gradient is the score-function form Σ_t ∇log π(y_t) · Σ_{t'≥t}"
        + " k1_t' (the KL from each token on, as PPO-RLHF puts it in the reward), an unbiased estimate of the"
        + " gradient of the whole response's KL(π‖π_ref)."),
    K2("k2 = ½(log(π/π_ref))², differentiated as it is: its gradient log(π/π_ref) · ∇log π(y_t) estimates the"
        + " gradient of each token's KL(π‖π_ref) given the tokens before it."),
    K3("k3 = π_ref/π − log(π_ref/π) − 1 (unbiased, always ≥ 0), differentiated as it is, as GRPO does: its"
        + " gradient estimates the gradient of the forward KL(π_ref‖π) per token, not of KL(π‖π_ref); both are"
        + " 0 only at π = π_ref.");

    private final String doc;

    Estimator(String doc) {
      this.doc = doc;
    }

    /** The estimator's name, e.g. {@code k3}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The estimator's definition: {@code k3(coefficient, to: reference | previous)}. */
    public Definition<KlSpec> definition() {
      return Definition.of(id(), doc, PARAMS, a -> new KlSpec(this, a.schedule("coefficient"),
          Target.valueOf(a.text("to").toUpperCase(Locale.ROOT))));
    }
  }

  /** The frozen policy at the start of the stage, or the last iterate. */
  public enum Target {
    REFERENCE, PREVIOUS
  }

  private static final List<Param> PARAMS = List.of(
      Param.schedule("coefficient").atLeast(0).unnamed().doc("weight of the KL term; may follow a schedule. The"
          + " term's tokens are aggregated as the algorithm aggregates its loss: summed per response under"
          + " reinforce, rloo and k15, averaged per response under grpo, divided by max_tokens under dr_grpo,"
          + " averaged over the batch's tokens under reinforce_pp"),
      Param.choice("to", "reference", "previous").doc("reference: the frozen start of the stage; previous: the"
          + " policy that sampled the batch (needs epochs ≥ 2)"));

  /** Every estimator's definition, in the order the reference lists them. */
  public static final List<Definition<KlSpec>> ESTIMATORS =
      Arrays.stream(Estimator.values()).map(Estimator::definition).toList();

  public static Optional<Definition<KlSpec>> find(String name) {
    return ESTIMATORS.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
