package dev.verity.engine.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The one definition of a built-in — a task, algorithm, KL estimator, schedule, curriculum shape, reward term or
 * sampling — from which front ends derive everything else: the DSL's table and checker, its reference page,
 * completion and inspection. Implementations are immutable.
 *
 * @param <T> what the built-in makes from its arguments
 */
public interface Definition<T> {
  /** The built-in's name, e.g. {@code addition}. */
  String name();

  /** One line saying what it is or does. */
  String doc();

  /** Its parameters, positional ones first in order. */
  List<Param> params();

  /**
   * Makes the built-in from checked arguments (every parameter present, defaults filled in).
   *
   * @throws ArgumentException when the arguments are wrong together, naming the one to change
   */
  T create(Args args);

  default Optional<Param> param(String name) {
    return params().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The arguments when none are given: every default, every optional parameter absent. */
  default Args defaults() {
    return args();
  }

  /**
   * Arguments from Java: the values given by name ({@code "digits", new LevelRange(2, 3)}), defaults for the
   * rest, an optional parameter's value wrapped as it is held ({@link Optional}).
   *
   * @throws IllegalArgumentException naming a parameter that is unknown, or required and not given
   */
  default Args args(Object... namesAndValues) {
    java.util.Map<String, Object> given = Args.of(namesAndValues).values();
    java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
    for (String name : given.keySet()) {
      if (param(name).isEmpty()) {
        throw new IllegalArgumentException(name() + " has no parameter '" + name + "'");
      }
    }
    for (Param p : params()) {
      Object value = given.get(p.name());
      if (value != null) {
        values.put(p.name(), p.optional() && !(value instanceof Optional<?>) ? Optional.of(value) : value);
      } else if (p.defaultValue().isPresent()) {
        values.put(p.name(), p.defaultValue().get());
      } else if (p.optional()) {
        values.put(p.name(), Optional.empty());
      } else {
        throw new IllegalArgumentException(name() + " needs the argument '" + p.name() + "'");
      }
    }
    return new Args(values);
  }

  /** A definition from its parts. */
  static <T> Definition<T> of(String name, String doc, List<Param> params, java.util.function.Function<Args, T> factory) {
    return new Simple<>(name, doc, List.copyOf(params), factory);
  }

  /** The plain definition {@link #of} makes. */
  record Simple<T>(String name, String doc, List<Param> params, java.util.function.Function<Args, T> factory)
      implements Definition<T> {
    @Override
    public T create(Args args) {
      return factory.apply(args);
    }
  }
}
