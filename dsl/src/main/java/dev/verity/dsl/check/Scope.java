package dev.verity.dsl.check;

import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.diag.Reporter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names visible while one compilation is checked: the session's, then this cell's as it goes. A declaration
 * with errors still claims its name ("poisoned"), so later uses stay quiet instead of repeating the error.
 */
final class Scope {
  private final Map<String, Symbol> names;
  private final Set<String> poisoned = new HashSet<>();
  private final Reporter reporter;

  Scope(Map<String, Symbol> names, Reporter reporter) {
    this.names = new LinkedHashMap<>(names);
    this.reporter = reporter;
  }

  void bind(String name, Symbol symbol) {
    names.remove(name); // keep binding order: a rebinding moves to the end
    names.put(name, symbol);
    poisoned.remove(name);
  }

  /** Replaces what a bound name stands for in place (a model whose alphabet its first use fixed). */
  void update(String name, Symbol symbol) {
    names.put(name, symbol);
  }

  void poison(String name) {
    names.remove(name);
    poisoned.add(name);
  }

  Map<String, Symbol> names() {
    return names;
  }

  Optional<Symbol> get(String name) {
    return Optional.ofNullable(names.get(name));
  }

  boolean isPoisoned(String name) {
    return poisoned.contains(name);
  }

  /**
   * The symbol {@code name} refers to, if it is of {@code type}; otherwise an error saying what was found (or
   * that nothing was, with a likely typo and how to declare it) and empty. {@code extra} lists built-in names
   * that are also acceptable here, for the suggestion only.
   */
  <T extends Symbol> Optional<T> resolve(Name name, Class<T> type, String expected, List<String> extra) {
    if (poisoned.contains(name.text())) {
      return Optional.empty();
    }
    Symbol symbol = names.get(name.text());
    if (symbol == null) {
      String hint = suggestion(name, type, extra);
      reporter.error(name.span(), "unknown " + expected + " '" + name.text() + "'"
          + (hint.isEmpty() ? declareHint(expected, name.text()) : hint));
      return Optional.empty();
    }
    if (!type.isInstance(symbol)) {
      reporter.error(name.span(), "'" + name.text() + "' is " + article(symbol.kind()) + ", but "
          + article(expected) + " is expected here");
      return Optional.empty();
    }
    return Optional.of(type.cast(symbol));
  }

  /** Names of symbols of that type, in binding order. */
  List<String> namesOf(Class<? extends Symbol> type) {
    return names.entrySet().stream().filter(e -> type.isInstance(e.getValue())).map(Map.Entry::getKey).toList();
  }

  private String suggestion(Name name, Class<? extends Symbol> type, List<String> extra) {
    List<String> candidates = new java.util.ArrayList<>(namesOf(type));
    candidates.addAll(extra);
    String hint = Suggest.hint(name.text(), candidates);
    if (hint.isEmpty()) {
      hint = Suggest.hint(name.text(), names.keySet());
    }
    return hint;
  }

  private static String declareHint(String expected, String name) {
    switch (expected) {
      case "task": return ": declare it first, e.g. task " + name + " = addition(digits: 2..6)";
      case "model": return ": declare it first, e.g. model " + name + " = gpt()";
      case "reward": return ": declare it first, e.g. reward " + name + " = exact_answer()";
      case "sampling": return ": declare it first, e.g. sampling " + name + " = sample(temperature: 1)";
      default: return "";
    }
  }

  static String article(String noun) {
    boolean vowelSound = "aeiou".indexOf(noun.charAt(0)) >= 0 || noun.startsWith("sft"); // "an sft stage"
    return (vowelSound ? "an " : "a ") + noun;
  }
}
