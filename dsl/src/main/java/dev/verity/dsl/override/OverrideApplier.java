package dev.verity.dsl.override;

import dev.verity.dsl.Overrides;
import dev.verity.dsl.ast.Block;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Program;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.ast.Stmt;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Setting;
import dev.verity.dsl.check.Suggest;
import dev.verity.dsl.diag.Reporter;
import dev.verity.dsl.parse.Parsing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage between parse and check, AST → AST: puts each {@code --set target.setting=value} into the statements it
 * names, replacing the setting or argument when written and adding it when not. The checker then checks the new
 * value like any other, with its place in the override's own text.
 */
public final class OverrideApplier {
  /** The statement kinds an override can name instead of a name: {@code rl.steps=20} changes every rl stage. */
  private static final List<String> KINDS =
      List.of("experiment", "task", "model", "reward", "sampling", "sft", "rl", "eval");

  private OverrideApplier() {}

  /** What an override could have meant: the statement kinds and the names and labels the file declares. */
  private static List<String> targets(List<Stmt> statements) {
    List<String> names = new ArrayList<>(KINDS);
    for (Stmt stmt : statements) {
      if (stmt instanceof Stmt.Declare d) {
        names.add(d.name().text());
      } else if (stmt instanceof Stmt.Stage st) {
        st.label().ifPresent(l -> names.add(l.text()));
      } else if (stmt instanceof Stmt.Eval e) {
        e.label().ifPresent(l -> names.add(l.text()));
      }
    }
    return names;
  }

  public static Program apply(Program program, Overrides overrides, Reporter reporter) {
    List<Stmt> statements = new ArrayList<>(program.statements());
    for (Overrides.Override o : overrides.entries()) {
      Span whole = new Span(o.file(), 1, 1, 1, o.text().length() + 1);
      if (!o.wellFormed()) {
        reporter.error(whole, "an override is written NAME.SETTING=VALUE, e.g. rl.steps=20 or explore.per_prompt=4");
        continue;
      }
      // Leading spaces put the value's columns where they are in the override's text.
      Optional<Expr> value = Parsing.overrideValue(" ".repeat(o.valueColumn() - 1) + o.value(), o.file(), reporter);
      if (value.isEmpty()) {
        continue;
      }
      Name key = new Name(o.setting(), new Span(o.file(), 1, o.settingColumn(), 1, o.valueColumn() - 1));
      int matched = 0;
      for (int i = 0; i < statements.size(); i++) {
        Optional<Stmt> changed = apply(statements.get(i), o.target(), key, value.get(), reporter);
        if (changed.isPresent()) {
          statements.set(i, changed.get());
          matched++;
        }
      }
      if (matched == 0 && overrides.matchRequired() && o.target().equals("experiment")) {
        reporter.error(whole, o.written() + " matches nothing: the file has no experiment statement; add"
            + " one at its top, such as experiment \"my-experiment\" seed 1");
      } else if (matched == 0 && overrides.matchRequired() && KINDS.contains(o.target())) {
        reporter.error(whole, o.written() + " matches nothing: the file has no " + o.target()
            + (o.target().equals("sft") || o.target().equals("rl") ? " stage" : " statement") + " to change");
      } else if (matched == 0 && overrides.matchRequired()) {
        reporter.error(whole, o.written() + " matches nothing: '" + o.target() + "' is neither a statement"
            + " kind (" + String.join(", ", KINDS) + ") nor a name declared here"
            + Suggest.hint(o.target(), targets(statements)));
      }
    }
    return new Program(statements);
  }

  private static Optional<Stmt> apply(Stmt stmt, String target, Name key, Expr value, Reporter reporter) {
    if (stmt instanceof Stmt.Experiment e && target.equals("experiment")) {
      if (key.text().equals("seed")) {
        return Optional.of(new Stmt.Experiment(e.name(), Optional.of(value), e.span()));
      }
      if (key.text().equals("name") && value instanceof Expr.Str name) {
        return Optional.of(new Stmt.Experiment(name, e.seed(), e.span()));
      }
      reporter.error(key.span().to(value.span()), key.text().equals("name")
          ? "experiment.name takes a string: write it in quotes, e.g. --set 'experiment.name=\"my-run\"'"
          : "experiment has settings seed and name (a string); got '" + key.text() + "'");
      return Optional.of(e);
    }
    if (stmt instanceof Stmt.Stage s
        && (target.equals(s.kind().keyword()) || s.label().map(Name::text).filter(target::equals).isPresent())) {
      return Optional.of(new Stmt.Stage(s.kind(), s.label(), s.model(), s.task(), set(s.block(), key, value),
          s.span()));
    }
    if (stmt instanceof Stmt.Eval s
        && (target.equals("eval") || s.label().map(Name::text).filter(target::equals).isPresent())) {
      Block block = s.block().orElse(new Block(List.of(), s.span()));
      return Optional.of(new Stmt.Eval(s.label(), s.model(), s.task(), s.sampling(),
          Optional.of(set(block, key, value)), s.span()));
    }
    if (stmt instanceof Stmt.Declare d && d.value() instanceof Expr.Call call
        && (target.equals(d.name().text()) || target.equals(d.kind().keyword()))) {
      return Optional.of(new Stmt.Declare(d.kind(), d.name(), set(call, key, value), d.span()));
    }
    return Optional.empty();
  }

  private static Block set(Block block, Name key, Expr value) {
    List<Block.Setting> settings = new ArrayList<>();
    Block.Setting replacement = new Block.Setting(key, value, key.span().to(value.span()));
    boolean replaced = false;
    for (Block.Setting setting : block.settings()) {
      if (setting.key().text().equals(key.text())) {
        if (!replaced) {
          settings.add(replacement);
        }
        replaced = true;
      } else {
        settings.add(setting);
      }
    }
    if (!replaced) {
      settings.add(replacement);
    }
    return new Block(settings, block.span());
  }

  private static Expr.Call set(Expr.Call call, Name key, Expr value) {
    int positionalIndex = Builtins.named(call.callee().text()).stream().findFirst()
        .map(b -> positionalIndex(b, key.text())).orElse(-1);
    List<Expr.Arg> args = new ArrayList<>();
    Expr.Arg replacement = new Expr.Arg(Optional.of(key), value, key.span().to(value.span()));
    boolean replaced = false;
    int positional = 0;
    for (Expr.Arg arg : call.args()) {
      boolean same = arg.name().isPresent() ? arg.name().get().text().equals(key.text())
          : positional++ == positionalIndex;
      if (same) {
        if (!replaced) {
          args.add(arg.name().isPresent() ? replacement : new Expr.Arg(Optional.empty(), value, value.span()));
        }
        replaced = true;
      } else {
        args.add(arg);
      }
    }
    if (!replaced) {
      args.add(replacement);
    }
    return new Expr.Call(call.callee(), args, call.span());
  }

  private static int positionalIndex(Builtin builtin, String name) {
    List<Setting> positional = builtin.params().stream().filter(Setting::positional).toList();
    for (int i = 0; i < positional.size(); i++) {
      if (positional.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
