package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.dsl.builtin.Setting;
import dev.verity.dsl.builtin.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every entry of the built-in table is usable from the DSL with its defaults: the table and checker agree. */
class BuiltinsTest {
  private static final String PRELUDE = """
      task add = addition()
      model policy = gpt()
      reward correct = exact_answer()
      sampling pairs = sample(per_prompt: 2)
      """;

  @Test
  void everyBuiltinChecksWithItsDefaults() {
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (Builtin b : Builtins.all()) {
      String args = b.params().stream().filter(Setting::required).map(p -> p.name() + ": " + sample(p))
          .collect(Collectors.joining(", "));
      String call = b.name() + "(" + args + ")";
      String rl = "rl policy on add { reward: correct, sampling: pairs, steps: 1, ";
      n++;
      switch (b.kind()) {
        case TASK -> lines.add("task t" + n + " = " + call);
        case MODEL -> lines.add("model m" + n + " = " + call);
        case SAMPLING -> lines.add("sampling s" + n + " = " + call);
        case REWARD_TERM -> lines.add("reward r" + n + " = " + (b.usage().isEmpty() ? call : b.name()
            .equals("min") || b.name().equals("max") ? b.name() + "(correct, 1)" : b.name()));
        case SCHEDULE -> lines.add("sft policy on add { steps: 1, lr: " + call + " }");
        case ALGORITHM -> lines.add(rl + "algorithm: " + call + (b.name().equals("k15") ? ", epochs: 2" : "") + " }");
        case KL_ESTIMATOR -> lines.add(rl + "kl: " + call + " }");
        case CURRICULUM -> lines.add(rl + "curriculum: " + curriculum(b) + " }");
        case TRACE_MIX -> lines.add("sft policy on add { steps: 1, traces: " + (b.usage().isEmpty()
            ? "mix(direct: 1)" : b.name()) + " }");
        case TABLE_SOURCE -> lines.add("table " + call);
        // 'for tuned': an rl stage with a periodic evaluation records every stage metric (an sft stage does not)
        case METRIC -> lines.add("plot " + b.name() + " by " + (Builtins.STAGE_METRICS.contains(b.name())
            || Builtins.PERIODIC_EVAL_METRICS.contains(b.name()) ? "step for tuned" : "level"));
        case AXIS -> lines.add("plot accuracy by " + b.name() + (b.name().equals("level") ? "" : " for tuned"));
        case STATEMENT -> { }
      }
    }
    String source = PRELUDE + "sft policy on add { steps: 1 }\n" + rlAndEval() + String.join("\n", lines) + "\n";
    Compilation c = Compiler.compile(source, "builtins.verity", GoldenPlanTest.PLANS);
    assertTrue(c.ok(), () -> source + "\n" + c.diagnostics().render());
  }

  private static String rlAndEval() {
    return "rl tuned: policy on add { reward: correct, sampling: pairs, steps: 1, eval: add every 1 }\n"
        + "eval policy on add\n";
  }

  /** A curriculum shape over addition's knob, with its required arguments. */
  private static String curriculum(Builtin b) {
    String levels = b.param("levels").orElseThrow().type() == Type.RANGE ? "2..3" : "2..3 -> 2..6";
    String rest = b.params().stream().filter(p -> p.required() && !p.name().equals("levels"))
        .map(p -> ", " + p.name() + ": " + sample(p)).collect(Collectors.joining());
    return b.name() + "(digits: " + levels + rest + ")";
  }

  /** A valid value for a required parameter. */
  private static String sample(Setting p) {
    switch (p.type()) {
      case PATH: return "\"data/problems.jsonl\"";
      case STRING: return "\"question\"";
      case REGEX: return "re\"^[0-9]+$\"";
      case REWARD: return "correct";
      case MODEL: return "policy";
      case NUMBER_ARROW: return "1e-3 -> 1e-4";
      case SCHEDULE: return "0.1";
      case NUMBER: return "0.5";
      default: return p.name().equals("buffer") ? "8" : "16";
    }
  }

  @Test
  void everyKindAppearsInTheTable() {
    for (Kind kind : Kind.values()) {
      assertTrue(!Builtins.ofKind(kind).isEmpty(), kind + " has no entries");
    }
  }
}
