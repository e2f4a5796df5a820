package dev.verity.dsl.ast;

import java.util.List;
import java.util.Optional;

/** One statement of a cell or file. */
public sealed interface Stmt
    permits Stmt.Experiment,
        Stmt.Declare,
        Stmt.Check,
        Stmt.Stage,
        Stmt.Eval,
        Stmt.Plot,
        Stmt.Table,
        Stmt.Save,
        Stmt.Load {

  Span span();

  /** {@code experiment "long-cot-addition" seed 7}. */
  record Experiment(Expr.Str name, Optional<Expr> seed, Span span) implements Stmt {}

  /** {@code task add = addition(digits: 2..6)} and likewise for model, reward, sampling. */
  record Declare(DeclKind kind, Name name, Expr value, Span span) implements Stmt {}

  /** {@code check correct(prompt: "1+1=", response: "2", answer: "2") == 1}. */
  record Check(Expr value, String text, Span span) implements Stmt {}

  /** {@code sft policy on add { … }}, {@code rl grpo_run: g on add { … }}. */
  record Stage(StageKind kind, Optional<Name> label, Name model, Name task, Block block, Span span)
      implements Stmt {}

  /** {@code eval direct_eval: policy on add_test with greedy}, optionally followed by a block. */
  record Eval(Optional<Name> label, Name model, Name task, Optional<Expr> sampling, Optional<Block> block, Span span)
      implements Stmt {}

  /** {@code plot accuracy, response_len_mean by step for grpo_run, rloo_run}. */
  record Plot(List<Name> metrics, Name axis, List<Name> sources, Span span) implements Stmt {}

  /** {@code table rollouts(last: 8)}, {@code table direct_eval}. */
  record Table(Expr source, List<Name> sources, Span span) implements Stmt {}

  /** {@code save policy to "checkpoints/policy"}. */
  record Save(Name model, Expr.Str path, Span span) implements Stmt {}

  /** {@code load policy from "checkpoints/policy"}. */
  record Load(Name model, Expr.Str path, Span span) implements Stmt {}

  enum DeclKind {
    TASK, MODEL, REWARD, SAMPLING;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  enum StageKind {
    SFT, RL;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
