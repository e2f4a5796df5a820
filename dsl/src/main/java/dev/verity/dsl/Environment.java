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
 */
public record Environment(
    Optional<Experiment> experiment,
    Map<String, Symbol> names,
    Optional<String> lastStage,
    Optional<String> lastRlStage,
    Optional<String> lastEval,
    Map<String, Integer> stageCounts) {

  public static final Environment EMPTY =
      new Environment(Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

  public Environment {
    names = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(names));
    stageCounts = Map.copyOf(stageCounts);
  }

  public Optional<Symbol> lookup(String name) {
    return Optional.ofNullable(names.get(name));
  }

  /** {@code experiment "long-cot-addition" seed 7}. */
  public record Experiment(String name, long seed) {}
}
