package dev.verity.dsl.check;

import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Span;
import dev.verity.engine.model.ModelSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Models whose {@code gpt(…)} was refused as a whole although every argument was fine (dim not divisible by heads,
 * too many weights). Their names stay poisoned, so what refers to them is quiet; but a stage on one still checks
 * its own settings, and what must fit the context, which is known: against a stand-in of the same layers, dim and
 * context with one head (one head divides any dim). Only its context is read.
 */
final class RefusedModels {
  private final Map<String, Symbol.Model> standIns = new HashMap<>();

  /** Records {@code name}'s stand-in from its checked arguments. */
  void refuse(String name, Checked args, Span declared) {
    ModelSpec shape = new ModelSpec(args.integer("layers"), 1, args.integer("dim"), args.integer("context"));
    standIns.put(name, new Symbol.Model(Optional.of(shape), Optional.empty(), declared));
  }

  /** A new declaration of {@code name} replaces any refused one. */
  void forget(String name) {
    standIns.remove(name);
  }

  Optional<Symbol.Model> standIn(String name) {
    return Optional.ofNullable(standIns.get(name));
  }
}
