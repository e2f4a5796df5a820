package dev.verity.dsl.builtin;

import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.catalog.ParamType;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.task.LevelRange;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The DSL's view of engine definitions: each engine parameter as a DSL parameter of the matching type, its
 * default written as DSL source (checked like what a user writes), and a definition as a table entry.
 */
final class Derived {
  private Derived() {}

  /** A table entry for {@code definition}; {@code usage} as in {@link Builtin}, {@code extra} parameters after. */
  static Builtin entry(Definition<?> definition, Kind kind, String usage, List<Setting> extra) {
    List<Setting> params = new java.util.ArrayList<>(definition.params().stream().map(Derived::param).toList());
    params.addAll(extra);
    return new Builtin(definition.name(), kind, params, definition.doc(), usage, Optional.of(definition));
  }

  static Builtin entry(Definition<?> definition, Kind kind) {
    return entry(definition, kind, "", List.of());
  }

  static Setting param(Param p) {
    Optional<String> source = p.optional() ? Optional.of("none") : p.defaultValue().map(Derived::source);
    return new Setting(p.name(), type(p.type()), source, p.positional(), p.bound(), p.choices(), p.doc());
  }

  static Type type(ParamType type) {
    return switch (type) {
      case WHOLE -> Type.INT;
      case NUMBER -> Type.NUMBER;
      case SCHEDULE -> Type.SCHEDULE;
      case TEXT -> Type.STRING;
      case PATH -> Type.PATH;
      case REGEX -> Type.REGEX;
      case RANGE -> Type.RANGE;
      case NUMBER_CHANGE -> Type.NUMBER_ARROW;
      case RANGE_CHANGE -> Type.RANGE_ARROW;
      case REWARD -> Type.REWARD;
      case CHOICE -> Type.CHOICE;
    };
  }

  /**
   * An engine default written as DSL source: numbers as the shortest decimal that reads back the same, ranges as
   * {@code 2..6}, a constant schedule as its number, a definition (a default algorithm) as its bare name, which
   * takes its own defaults.
   */
  static String source(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return value.toString();
    } else if (value instanceof Double d) {
      return number(d);
    } else if (value instanceof LevelRange r) {
      return r.toString();
    } else if (value instanceof Schedule.Constant c) {
      return number(c.value());
    } else if (value instanceof Definition<?> d) {
      return d.name();
    } else if (value instanceof String s) {
      return s; // a choice
    }
    throw new IllegalArgumentException("no DSL source for the default " + value);
  }

  /** {@code 0.2}, {@code 1}, {@code 0.0001}: what the lexer reads back as the same double. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
