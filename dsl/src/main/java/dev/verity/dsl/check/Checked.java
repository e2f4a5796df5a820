package dev.verity.dsl.check;

import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Span;
import dev.verity.engine.catalog.Args;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.task.LevelRange;
import java.util.Map;
import java.util.Optional;

/**
 * The checked arguments of one call or block: each parameter's value (converted to its Java type) and the
 * expression it came from (written, or the default), for later cross-checks that need a place.
 */
record Checked(Map<String, Object> values, Map<String, Expr> sources, java.util.Set<String> given) {

  int integer(String name) {
    return ((Number) values.get(name)).intValue();
  }

  long whole(String name) {
    return ((Number) values.get(name)).longValue();
  }

  double number(String name) {
    return ((Number) values.get(name)).doubleValue();
  }

  String string(String name) {
    return (String) values.get(name);
  }

  LevelRange range(String name) {
    return (LevelRange) values.get(name);
  }

  Schedule schedule(String name) {
    return (Schedule) values.get(name);
  }

  /** A value whose default is {@code none}. */
  <T> Optional<T> optional(String name, Class<T> type) {
    Object value = values.get(name);
    return value instanceof Optional<?> o ? o.map(type::cast) : Optional.ofNullable(type.cast(value));
  }

  <T> T get(String name, Class<T> type) {
    return type.cast(values.get(name));
  }

  /** Where the value came from: the written expression, or the call or block for a default. */
  Span span(String name) {
    return sources.get(name).span();
  }

  boolean isGiven(String name) {
    return given.contains(name);
  }

  /** The values as an engine definition's factory takes them. */
  Args args() {
    return new Args(values);
  }

  /** A string argument as the user wrote it (a path before it was resolved). */
  String written(String name) {
    return sources.get(name) instanceof Expr.Str s ? s.value() : String.valueOf(values.get(name));
  }
}
