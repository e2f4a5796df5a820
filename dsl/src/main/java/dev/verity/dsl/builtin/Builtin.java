package dev.verity.dsl.builtin;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One entry of the built-in table: a name, its kind, its parameters, and a one-line doc. {@code usage} is how a
 * statement or a bare name (a trace style, a metric) is written; empty for functions, which show their call.
 */
public record Builtin(String name, Kind kind, List<Param> params, String doc, String usage) {
  public Builtin {
    params = List.copyOf(params);
  }

  public Optional<Param> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** {@code addition(digits: 2..6, count: 0)}, or the usage of a statement or bare name. */
  public String signature() {
    if (!usage.isEmpty()) {
      return usage;
    }
    return name + "(" + params.stream().map(Param::signature).collect(Collectors.joining(", ")) + ")";
  }

  public List<String> paramNames() {
    return params.stream().map(Param::name).toList();
  }
}
