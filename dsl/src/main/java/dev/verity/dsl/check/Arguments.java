package dev.verity.dsl.check;

import dev.verity.dsl.ast.Block;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Setting;
import dev.verity.dsl.diag.Reporter;
import dev.verity.dsl.parse.Parsing;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches what was written — a call's arguments or a block's settings — to a built-in's parameters: positional
 * arguments in order, named ones by name, defaults for the rest. Reports unknown, repeated and missing ones, and
 * still hands back every argument it could match, so that their values are checked in the same pass: one wrong name
 * does not hide a wrong value beside it.
 */
final class Arguments {
  private static final Map<String, Expr> DEFAULTS = new ConcurrentHashMap<>();

  private Arguments() {}

  /** One argument as written: {@code name} empty when positional. */
  record Given(Optional<Name> name, Expr value) {}

  /**
   * What matched: each parameter's expression (written, or its default); {@code complete} is false when an argument
   * was unknown, repeated or missing, which has been reported.
   */
  record Matched(Map<String, Expr> exprs, boolean complete) {}

  /** A call's arguments, e.g. of {@code addition(digits: 2..6)}. */
  static Matched ofCall(
      Builtin builtin, List<Expr.Arg> args, Span place, Reporter reporter, java.util.Set<String> given) {
    return match(builtin, args.stream().map(a -> new Given(a.name(), a.value())).toList(), place, reporter,
        given, false);
  }

  /** A block's settings, e.g. of {@code rl policy on add { … }}. */
  static Matched ofBlock(
      Builtin statement, Block block, Reporter reporter, java.util.Set<String> given) {
    return match(statement, block.settings().stream().map(s -> new Given(Optional.of(s.key()), s.value())).toList(),
        block.span(), reporter, given, true);
  }

  private static Matched match(
      Builtin builtin, List<Given> args, Span place, Reporter reporter, java.util.Set<String> given,
      boolean block) {
    int errors = reporter.count();
    Map<String, Expr> bound = new LinkedHashMap<>();
    Map<String, Span> firstAt = new HashMap<>();
    List<Setting> positional = builtin.params().stream().filter(Setting::positional).toList();
    int nextPositional = 0;
    String what = block ? builtin.name() + " setting" : "argument";
    for (Given arg : args) {
      Setting param;
      Span at;
      if (arg.name().isEmpty()) {
        at = arg.value().span();
        if (nextPositional >= positional.size()) {
          boolean nothingElse = builtin.params().size() == positional.size(); // format(pattern): nothing to name
          reporter.error(at, positional.isEmpty()
              ? builtin.name() + " takes only named arguments: write " + example(builtin)
              : nothingElse ? builtin.name() + " takes " + positional.size() + " argument"
                  + (positional.size() == 1 ? "" : "s") + ": remove this one, e.g. " + example(builtin)
              : "too many unnamed arguments for " + builtin.name() + ": name them, e.g. " + example(builtin));
          continue;
        }
        param = positional.get(nextPositional++);
      } else {
        Name name = arg.name().get();
        at = name.span();
        Optional<Setting> found = builtin.param(name.text());
        if (found.isEmpty()) {
          String hint = ForeignNames.hint(name.text(), builtin)
              .orElseGet(() -> Suggest.hint(name.text(), builtin.paramNames()));
          reporter.error(at, "unknown " + what + " '" + name.text() + "'" + (block ? "" : " for " + builtin.name())
              + (hint.isEmpty() ? expected(builtin) : hint));
          continue;
        }
        param = found.get();
      }
      if (firstAt.containsKey(param.name())) {
        reporter.error(at, (block ? "setting '" : "argument '") + param.name() + "' is given twice (first at "
            + firstAt.get(param.name()).position() + "): keep one");
        continue;
      }
      firstAt.put(param.name(), at);
      bound.put(param.name(), arg.value());
      given.add(param.name());
    }
    boolean tooMany = reporter.count() > errors;
    for (Setting param : builtin.params()) {
      if (bound.containsKey(param.name())) {
        continue;
      }
      if (param.required()) {
        if (!tooMany) { // after a wrong argument, a "missing" one is most likely that one misspelt
          reporter.error(place, block
              ? builtin.name() + " needs the setting '" + param.name() + "': add " + param.name() + ": …"
                  + " to its block"
              : builtin.name() + " needs the argument '" + param.name() + "': " + example(builtin));
        }
        continue;
      }
      bound.put(param.name(), defaultOf(param, place));
    }
    return new Matched(bound, reporter.count() == errors);
  }

  /** The default as an expression placed at the call, parsed once per distinct source. */
  private static Expr defaultOf(Setting param, Span place) {
    Expr parsed = DEFAULTS.computeIfAbsent(param.defaultSource().orElseThrow(), source ->
        Parsing.expression(source, "<default>", new Reporter()).orElseThrow(
            () -> new IllegalStateException("built-in default does not parse: " + source)));
    return Relocate.to(parsed, place);
  }

  private static String expected(Builtin builtin) {
    return builtin.params().isEmpty() ? " (it takes none)" : "; expected " + String.join(", ", builtin.paramNames());
  }

  private static String example(Builtin builtin) {
    return builtin.signature();
  }
}
