package dev.verity.engine.catalog;

import dev.verity.engine.optim.Schedule;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.task.LevelRange;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Checked arguments of a built-in, by parameter name, each of its parameter's type ({@link ParamType}); an
 * optional parameter's value is an {@link Optional}. Every parameter has a value: defaults are filled in. Kept in
 * name order, so equal arguments print alike.
 */
public record Args(Map<String, Object> values) {
  public Args {
    values = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
  }

  public static Args of(Object... namesAndValues) {
    java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Args(map);
  }

  /** These arguments with {@code name} set to {@code value}. */
  public Args with(String name, Object value) {
    java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>(values);
    map.put(name, value);
    return new Args(map);
  }

  public int whole(String name) {
    return ((Number) value(name)).intValue();
  }

  public double number(String name) {
    return ((Number) value(name)).doubleValue();
  }

  public String text(String name) {
    return (String) value(name);
  }

  public Path path(String name) {
    return (Path) value(name);
  }

  public LevelRange range(String name) {
    return (LevelRange) value(name);
  }

  public Schedule schedule(String name) {
    return (Schedule) value(name);
  }

  public RewardExpr reward(String name) {
    return (RewardExpr) value(name);
  }

  public ParamType.Change change(String name) {
    return (ParamType.Change) value(name);
  }

  public ParamType.LevelChange levelChange(String name) {
    return (ParamType.LevelChange) value(name);
  }

  /** An optional parameter's value. */
  public <T> Optional<T> optional(String name, Class<T> type) {
    Object value = value(name);
    return value instanceof Optional<?> o ? o.map(type::cast) : Optional.of(type.cast(value));
  }

  private Object value(String name) {
    Object value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no argument '" + name + "' among " + values.keySet());
    }
    return value;
  }
}
