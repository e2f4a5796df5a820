package dev.verity.dsl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The session as the checker sees it after some cells: the experiment, the names bound so far, and the latest
 * stages and evaluation (what {@code plot} and {@code table} use by default). Immutable; each compilation returns
 * the next one.
 *
 * @param stageCounts how many unlabelled stages of each kind ({@code sft}, {@code rl}, {@code eval}) have been
 *     named automatically ({@code rl#1}, {@code rl#2}, …)
 * @param stages what each stage is, by its label (given or automatic): which metrics a plot of it can show
 */
public record Environment(
    Optional<Experiment> experiment,
    Map<String, Symbol> names,
    Optional<String> lastStage,
    Optional<String> lastRlStage,
    Optional<String> lastEval,
    Map<String, Integer> stageCounts,
    Map<String, StageInfo> stages) {

  public static final Environment EMPTY = new Environment(
      Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of());

  public Environment {
    names = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(names));
    stageCounts = Map.copyOf(stageCounts);
    stages = Map.copyOf(stages);
  }

  public Optional<Symbol> lookup(String name) {
    return Optional.ofNullable(names.get(name));
  }

  /** An sft or rl stage: its keyword and whether it evaluates periodically ({@code eval: T every N}). */
  public record StageInfo(String keyword, boolean periodicEval) {}

  /** {@code experiment "long-cot-addition" seed 7}. */
  public record Experiment(String name, long seed) {}
}
