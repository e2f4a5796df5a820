package dev.verity.kernel.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.kernel.jupyter.KernelTestKit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Tiny experiments for the backend's tests: a model and steps small enough to train in seconds on 2 cores. */
final class Tiny {
  private Tiny() {}

  /** Tasks, a one-layer model, rewards and samplings: runs in well under a second once PyTorch is loaded. */
  static final String DECLARE = """
      task add = addition(digits: 1..2)
      task add_test = addition(digits: 1..2, count: 8)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 24)
      reward correct = exact_answer()
      sampling explore = sample(max_tokens: 6, per_prompt: 2)
      sampling greedy = sample(temperature: 0, max_tokens: 6)
      """;

  /** A short supervised stage. */
  static String sft(String label, int steps) {
    return "sft " + label + ": policy on add { steps: " + steps + ", batch: 8 }\n";
  }

  /** A short RL stage. */
  static String rl(String label, int steps) {
    return "rl " + label + ": policy on add { reward: correct, sampling: explore, prompts: 4, steps: " + steps
        + " }\n";
  }

  /** A kit on a fresh {@link DslBackend} rooted in {@code dir}. */
  static Session open(Path dir, String... overrides) {
    DslBackend backend = new DslBackend(dir, List.of(overrides), Clock.systemDefaultZone());
    return new Session(backend, new KernelTestKit(backend));
  }

  /** A backend and the kit that drives it; closing ends the session as a kernel shutdown does. */
  record Session(DslBackend backend, KernelTestKit kit) implements AutoCloseable {
    List<JsonNode> ok(String code) {
      return kit.execSuccess(code);
    }

    JsonNode error(String code) {
      return kit.execError(code);
    }

    @Override
    public void close() {
      backend.evaluator().close();
    }
  }

  /** The text/plain of every display, in order. */
  static List<String> texts(List<JsonNode> displays) {
    return displays.stream().map(d -> d.path("text/plain").asText()).toList();
  }
}
