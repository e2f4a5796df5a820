package dev.verity.dsl.builtin;

import dev.verity.engine.catalog.Definition;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One entry of the DSL's built-in table: a name, its kind, its parameters, and a one-line doc. {@code usage} is
 * how a statement or a bare name (a trace style, a metric) is written; empty for functions, which show their
 * call. An entry derived from an engine {@link Definition} carries it, and the checker makes the value with its
 * factory.
 */
public record Builtin(
    String name, Kind kind, List<Setting> params, String doc, String usage, Optional<Definition<?>> definition) {
  public Builtin {
    params = List.copyOf(params);
  }

  /** An entry of the DSL's own (a statement, a table source, a metric, an axis). */
  public Builtin(String name, Kind kind, List<Setting> params, String doc, String usage) {
    this(name, kind, params, doc, usage, Optional.empty());
  }

  public Optional<Setting> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** {@code addition(digits: 2..6, count: 0)}, or the usage of a statement or bare name. */
  public String signature() {
    if (!usage.isEmpty()) {
      return usage;
    }
    return name + "(" + params.stream().map(Setting::signature).collect(Collectors.joining(", ")) + ")";
  }

  public List<String> paramNames() {
    return params.stream().map(Setting::name).toList();
  }

  /** The engine definition behind the entry; the checker asks for it only where every entry has one. */
  public Definition<?> requireDefinition() {
    return definition.orElseThrow(() -> new IllegalStateException(name + " has no engine definition"));
  }
}
