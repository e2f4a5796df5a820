package dev.verity.engine.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One parameter of a built-in: its name, type, limits, default and documentation.
 *
 * <p>A parameter is required (no default), has a default value, or is optional ({@link #orNone}: absent unless
 * given, its value then an {@link Optional}). Built with the factories and {@code with}-style methods, which read
 * as the declaration: {@code Param.range("digits").within(1, 12).byDefault(new LevelRange(2, 6)).doc("…")}.
 *
 * @param defaultValue the value when not given; empty for a required or an optional parameter
 * @param optional whether the parameter may be left out without a default (its value is then empty)
 * @param positional whether it may be given without its name, in order
 * @param choices the allowed names of a {@link ParamType#CHOICE}
 */
public record Param(
    String name,
    ParamType type,
    Optional<Object> defaultValue,
    boolean optional,
    boolean positional,
    Bound bound,
    List<String> choices,
    String doc) {

  public Param {
    choices = List.copyOf(choices);
    if (optional && defaultValue.isPresent()) {
      throw new IllegalArgumentException(name + ": an optional parameter has no default");
    }
  }

  public static Param of(String name, ParamType type) {
    return new Param(name, type, Optional.empty(), false, false, Bound.NONE, List.of(), "");
  }

  public static Param whole(String name) {
    return of(name, ParamType.WHOLE);
  }

  public static Param number(String name) {
    return of(name, ParamType.NUMBER);
  }

  public static Param schedule(String name) {
    return of(name, ParamType.SCHEDULE);
  }

  public static Param text(String name) {
    return of(name, ParamType.TEXT);
  }

  public static Param range(String name) {
    return of(name, ParamType.RANGE);
  }

  public static Param reward(String name) {
    return of(name, ParamType.REWARD);
  }

  /** One of {@code choices}, the first being the default. */
  public static Param choice(String name, String... choices) {
    return new Param(name, ParamType.CHOICE, Optional.of(choices[0]), false, false, Bound.NONE, List.of(choices), "");
  }

  public Param byDefault(Object value) {
    return new Param(name, type, Optional.of(value), false, positional, bound, choices, doc);
  }

  /** Absent unless given: the value is an empty {@link Optional} then. */
  public Param orNone() {
    return new Param(name, type, Optional.empty(), true, positional, bound, choices, doc);
  }

  public Param unnamed() {
    return new Param(name, type, defaultValue, optional, true, bound, choices, doc);
  }

  public Param bounded(Bound bound) {
    return new Param(name, type, defaultValue, optional, positional, bound, choices, doc);
  }

  public Param atLeast(double min) {
    return bounded(Bound.atLeast(min));
  }

  public Param within(double min, double max) {
    return bounded(Bound.between(min, max));
  }

  public Param doc(String doc) {
    return new Param(name, type, defaultValue, optional, positional, bound, choices, doc);
  }

  /** The same parameter under another name (a curriculum's levels, named after the task's knob). */
  public Param renamed(String newName) {
    return new Param(newName, type, defaultValue, optional, positional, bound, choices, doc);
  }

  public boolean required() {
    return !optional && defaultValue.isEmpty();
  }
}
