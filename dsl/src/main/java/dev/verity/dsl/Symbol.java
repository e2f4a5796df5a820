package dev.verity.dsl;

import dev.verity.dsl.ast.Span;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.TraceStyle;
import java.util.Optional;
import java.util.Set;

/** What a name in the session stands for, with where it was bound (in the cell that bound it). */
public sealed interface Symbol
    permits Symbol.Task, Symbol.Model, Symbol.Reward, Symbol.Sampling, Symbol.Stage, Symbol.Eval {

  Span span();

  /** {@code task}, {@code model}, …, as messages say it. */
  String kind();

  record Task(TaskSpec spec, Span span) implements Symbol {
    @Override
    public String kind() {
      return "task";
    }
  }

  /**
   * A model; its shape is unknown when it came from {@code load} without a declaration. Its alphabet is empty
   * until its first use (a stage, eval, save or copy) fixes it from the tasks declared by then, as the executor
   * makes its weights then. {@code traces}: the trace styles an sft stage has trained it on so far, whose
   * responses its sampling must have room for.
   */
  record Model(Optional<ModelSpec> spec, Optional<Alphabet> alphabet, Span span, Set<TraceStyle> traces)
      implements Symbol {
    public Model {
      traces = Set.copyOf(traces);
    }

    /** A model not fine-tuned on any trace yet. */
    public Model(Optional<ModelSpec> spec, Optional<Alphabet> alphabet, Span span) {
      this(spec, alphabet, span, Set.of());
    }

    @Override
    public String kind() {
      return "model";
    }
  }

  /** The characters a model reads, fixed {@code at} its first use or load; empty chars: unknown until it runs. */
  record Alphabet(Optional<String> chars, Span at) {}

  record Reward(RewardExpr body, Span span) implements Symbol {
    @Override
    public String kind() {
      return "reward";
    }
  }

  record Sampling(SamplingSpec spec, Span span) implements Symbol {
    @Override
    public String kind() {
      return "sampling";
    }
  }

  /** A labelled {@code sft} or {@code rl} stage ({@code rl grpo_run: g on add { … }}). */
  record Stage(String keyword, String model, String task, Span span) implements Symbol {
    @Override
    public String kind() {
      return keyword + " stage";
    }
  }

  /** A labelled evaluation ({@code eval direct_eval: policy on add_test with greedy}). */
  record Eval(String model, String task, Span span) implements Symbol {
    @Override
    public String kind() {
      return "eval";
    }
  }
}
