package dev.verity.dsl.check;

import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Stmt;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.dsl.plan.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code plot} and {@code table}: metric names, axes, and which stages or evaluations they show. */
final class Outputs {
  private final Context ctx;
  private final SessionState session;

  Outputs(Context ctx, SessionState session) {
    this.ctx = ctx;
    this.session = session;
  }

  Optional<Action.Plot> plot(Stmt.Plot s) {
    String axisName = s.axis().text();
    if (!Builtins.namesOf(Kind.AXIS).contains(axisName)) {
      ctx.error(s.axis().span(), "unknown plot axis '" + axisName + "'"
          + Values.hintOr(axisName, Builtins.namesOf(Kind.AXIS)));
      return Optional.empty();
    }
    Action.Axis axis = Action.Axis.valueOf(axisName.toUpperCase(Locale.ROOT));
    boolean byLevel = axis == Action.Axis.LEVEL;
    List<String> allowed = byLevel ? Builtins.EVAL_METRICS
        : axis == Action.Axis.STEP ? byStep() : Builtins.STAGE_METRICS;
    boolean ok = true;
    for (Name metric : s.metrics()) {
      if (allowed.contains(metric.text())) {
        continue;
      }
      ok = false;
      boolean other = Builtins.namesOf(Kind.METRIC).contains(metric.text());
      ctx.error(metric.span(), other
          ? "'" + metric.text() + "' is not " + (byLevel ? "an eval" : "a stage") + " metric, so it cannot be"
              + " plotted by " + axisName + "; " + (byLevel ? "eval" : "stage") + " metrics are "
              + String.join(", ", allowed)
          : "unknown metric '" + metric.text() + "'" + Values.hintOr(metric.text(), allowed));
    }
    Optional<List<String>> sources = byLevel
        ? sources(s, s.sources(), Symbol.Eval.class, "eval", session.lastEval, session.evalFailed,
            "plot … by level needs an evaluation before it: eval NAME: MODEL on TASK")
        : sources(s, s.sources(), Symbol.Stage.class, "stage", session.lastStage, session.stageFailed,
            "plot … by " + axisName + " needs an sft or rl stage before it");
    if (!ok || sources.isEmpty()) {
      return Optional.empty();
    }
    if (!byLevel && !new Recorded(ctx, session.stages).check(s, axis, sources.get())) {
      return Optional.empty();
    }
    List<String> metrics = s.metrics().stream().map(Name::text).toList();
    return Optional.of(new Action.Plot(metrics, axis, sources.get(), s.span()));
  }

  Optional<Action.Table> table(Stmt.Table s) {
    Expr source = s.source();
    String name = source instanceof Expr.Call c ? c.callee().text()
        : source instanceof Expr.Ref r ? r.name() : "";
    if (name.isEmpty()) {
      ctx.error(source.span(), "expected rollouts(last: N), metrics(last: N), or the name of a stage or"
          + " evaluation, got " + ValueText.describe(source));
      return Optional.empty();
    }
    Optional<Builtin> builtin = Builtins.find(name, Kind.TABLE_SOURCE);
    if (builtin.isPresent() && ctx.scope.get(name).isEmpty()) {
      return tableOf(s, builtin.get());
    }
    if (source instanceof Expr.Call c) {
      ctx.error(c.callee().span(), "unknown table '" + name + "'"
          + Values.hintOr(name, Builtins.namesOf(Kind.TABLE_SOURCE)));
      return Optional.empty();
    }
    if (!s.sources().isEmpty()) {
      ctx.error(s.sources().get(0).span(), "'for' selects the stage of rollouts(…) or metrics(…); table "
          + name + " needs none");
      return Optional.empty();
    }
    Name ref = new Name(name, source.span());
    Optional<Symbol> symbol = ctx.scope.get(name);
    if (symbol.isPresent() && symbol.get() instanceof Symbol.Stage) {
      return Optional.of(new Action.Table(new Action.Metrics(0, name), s.span()));
    }
    List<String> extra = new ArrayList<>(ctx.scope.namesOf(Symbol.Stage.class));
    extra.addAll(Builtins.namesOf(Kind.TABLE_SOURCE));
    return ctx.scope.resolve(ref, Symbol.Eval.class, "eval", extra)
        .map(e -> new Action.Table(new Action.EvalResults(List.of(name)), s.span()));
  }

  private Optional<Action.Table> tableOf(Stmt.Table s, Builtin builtin) {
    boolean rollouts = builtin.name().equals("rollouts");
    Optional<Checked> args = s.source() instanceof Expr.Call c ? ctx.values.call(builtin, c)
        : ctx.values.bare(builtin, (Expr.Ref) s.source());
    if (s.sources().size() > 1) {
      ctx.error(s.sources().get(1).span(), "a table shows one stage: keep one name after 'for'");
      return Optional.empty();
    }
    if (builtin.name().equals("samples")) {
      Optional<List<String>> eval = sources(s, s.sources(), Symbol.Eval.class, "eval", session.lastEval, false,
          "table samples needs an eval before it");
      return args.isEmpty() || eval.isEmpty() ? Optional.empty() : Optional.of(new Action.Table(
          new Action.Samples(args.get().integer("first"), args.get().string("keep"), eval.get().get(0)), s.span()));
    }
    Optional<List<String>> stage = rollouts
        ? sources(s, s.sources(), Symbol.Stage.class, "stage", session.lastRlStage, session.rlStageFailed,
            "table rollouts needs an rl stage before it")
        : sources(s, s.sources(), Symbol.Stage.class, "stage", session.lastStage, session.stageFailed,
            "table metrics needs an sft or rl stage before it");
    if (args.isEmpty() || stage.isEmpty()) {
      return Optional.empty();
    }
    String label = stage.get().get(0);
    if (rollouts && ctx.scope.get(label).filter(sym -> sym instanceof Symbol.Stage st
        && st.keyword().equals("sft")).isPresent()) {
      ctx.error(s.sources().get(0).span(), "'" + label + "' is an sft stage, which has no rollouts: name an rl"
          + " stage");
      return Optional.empty();
    }
    if (!rollouts) {
      return Optional.of(new Action.Table(new Action.Metrics(args.get().integer("last"), label), s.span()));
    }
    Optional<Integer> first = args.get().optional("first", Integer.class);
    if (first.isPresent() && args.get().isGiven("last")) {
      ctx.error(s.source().span(), "give either first: or last:, not both");
      return Optional.empty();
    }
    return Optional.of(new Action.Table(first.isPresent()
        ? new Action.Rollouts(true, first.get(), label)
        : new Action.Rollouts(false, args.get().integer("last"), label), s.span()));
  }

  /**
   * The named stages or evaluations, or the latest one when none is named. {@code failedOne}: one that failed to
   * check exists all the same (its own error says what is wrong), so "none before it" would be false.
   */
  private Optional<List<String>> sources(Stmt at, List<Name> names, Class<? extends Symbol> type, String kind,
      Optional<String> latest, boolean failedOne, String noneYet) {
    if (names.isEmpty()) {
      if (failedOne) {
        return Optional.empty();
      }
      if (latest.isEmpty()) {
        ctx.error(at.span(), noneYet);
      }
      return latest.map(List::of);
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (Name name : names) {
      Optional<? extends Symbol> symbol = ctx.scope.resolve(name, type, kind, List.of());
      symbol.ifPresent(x -> out.add(name.text()));
      ok &= symbol.isPresent();
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  /** What a plot by step can show: the stage's metrics and its periodic evaluation's. */
  private static List<String> byStep() {
    List<String> all = new ArrayList<>(Builtins.STAGE_METRICS);
    all.addAll(Builtins.PERIODIC_EVAL_METRICS);
    return all;
  }
}
