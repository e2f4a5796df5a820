package dev.verity.dsl.builtin;

import dev.verity.engine.catalog.Bound;
import java.util.List;
import java.util.Optional;

/**
 * One argument of a built-in or one setting of a statement block.
 *
 * @param defaultSource the default as DSL source, checked like user input ({@code none}: absent); empty when
 *     the argument is required
 * @param positional whether it may be given without its name, in order
 * @param choices the allowed names for {@link Type#CHOICE}
 */
public record Setting(
    String name,
    Type type,
    Optional<String> defaultSource,
    boolean positional,
    Bound bound,
    List<String> choices,
    String doc) {

  public Setting {
    choices = List.copyOf(choices);
  }

  public boolean required() {
    return defaultSource.isEmpty();
  }

  /** {@code name: default} or {@code name} when required; for signatures. */
  public String signature() {
    return defaultSource.map(d -> name + ": " + d).orElse(name);
  }

  /** The type with its limits and choices, for docs: {@code a whole number ≥ 1}. */
  public String describeType() {
    if (type == Type.CHOICE) {
      return String.join(" | ", choices);
    }
    return bound.isNone() ? type.description() : type.description() + " " + bound.describe();
  }
}
