package dev.verity.dsl.check;

import dev.verity.dsl.builtin.Builtin;
import java.util.List;
import java.util.Optional;

/**
 * Names that other RL tools (TRL, OpenRLHF, verl) give settings Verity spells otherwise, so that a setting carried
 * over from them is met with where it goes here rather than only a list of names.
 */
final class ForeignNames {
  private ForeignNames() {}

  /**
   * Foreign spellings, the Verity parameter they mean, and what to say where {@code via} is a parameter (the one
   * that holds it, or the parameter itself when it takes another form, as kl does).
   */
  private record Foreign(List<String> names, String param, String elsewhere, String via) {}

  private static final List<Foreign> TABLE = List.of(
      new Foreign(List.of("beta", "kl_coef", "kl_coeff", "init_kl_coef", "kl_beta"), "kl",
          "the KL penalty's weight is the coefficient of kl, e.g. kl: k3(0.04)", "kl"),
      new Foreign(List.of("num_generations", "n_samples_per_prompt", "num_return_sequences", "group_size",
          "rollout_n"), "per_prompt",
          "samples per prompt are per_prompt in sample, e.g. sampling: sample(per_prompt: 8)", "sampling"),
      new Foreign(List.of("learning_rate", "actor_learning_rate"), "lr", "", ""),
      new Foreign(List.of("max_new_tokens", "max_completion_length", "response_length", "generate_max_len"),
          "max_tokens", "the response limit is max_tokens in sample, e.g. sampling: sample(max_tokens: 64)",
          "sampling"),
      new Foreign(List.of("num_train_epochs", "ppo_epochs", "num_iterations", "num_ppo_epochs"), "epochs", "", ""),
      new Foreign(List.of("max_steps", "total_steps", "num_steps", "total_training_steps"), "steps", "", ""),
      new Foreign(List.of("batch_size", "train_batch_size", "per_device_train_batch_size"), "batch",
          "the problems drawn per step are prompts, e.g. prompts: 32", "prompts"),
      new Foreign(List.of("num_prompts", "prompts_per_step", "rollout_batch_size"), "prompts", "", ""));

  /**
   * How {@code name}, unknown to {@code builtin}, is said in Verity: "did you mean" where {@code builtin} has the
   * parameter, or where it goes instead; empty for a name no other tool is known to use.
   */
  static Optional<String> hint(String name, Builtin builtin) {
    for (Foreign f : TABLE) {
      if (!f.names().contains(name)) {
        continue;
      }
      if (!f.via().isEmpty() && builtin.param(f.via()).isPresent()) {
        return Optional.of(": " + f.elsewhere());
      }
      if (builtin.param(f.param()).isPresent()) {
        return Optional.of(" (did you mean '" + f.param() + "'? '" + name + "' is its name elsewhere)");
      }
    }
    return Optional.empty();
  }
}
