package dev.verity.dsl.check;

import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Block;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.dsl.builtin.Setting;
import dev.verity.dsl.builtin.Type;
import dev.verity.engine.catalog.Bound;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.ParamType;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.optim.Schedules;
import dev.verity.engine.task.LevelRange;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Typed values: numbers, whole numbers, strings, paths, regexes, ranges, arrows, choices and schedules, each
 * checked against its parameter's limits; and whole calls and blocks, parameter by parameter.
 */
final class Values {
  private final Context ctx;

  Values(Context ctx) {
    this.ctx = ctx;
  }

  /** Every argument of a call to {@code builtin}, converted; empty if any is wrong. */
  Optional<Checked> call(Builtin builtin, Expr.Call call) {
    Set<String> given = new HashSet<>();
    return convertAll(builtin, Arguments.ofCall(builtin, call.args(), call.span(), ctx.reporter, given), given);
  }

  /** A built-in used as a bare name ({@code rloo}, {@code failure_rate}): all defaults. */
  Optional<Checked> bare(Builtin builtin, Expr.Ref ref) {
    return call(builtin, new Expr.Call(new Name(ref.name(), ref.span()), List.of(), ref.span()));
  }

  /** Every setting of a statement's block, converted; empty if any is wrong. */
  Optional<Checked> block(Builtin statement, Block block) {
    Set<String> given = new HashSet<>();
    return convertAll(statement, Arguments.ofBlock(statement, block, ctx.reporter, given), given);
  }

  /** Converts every matched value, so each wrong one is reported; empty if any is wrong or the match was not. */
  private Optional<Checked> convertAll(Builtin builtin, Arguments.Matched matched, Set<String> given) {
    Map<String, Expr> exprs = matched.exprs();
    Map<String, Object> values = new HashMap<>();
    boolean ok = matched.complete();
    for (Setting param : builtin.params()) {
      Expr expr = exprs.get(param.name());
      if (expr == null) {
        continue;
      }
      Optional<?> value = convert(param, expr);
      if (value.isPresent()) {
        values.put(param.name(), value.get());
      } else {
        ok = false;
      }
    }
    return ok ? Optional.of(new Checked(values, exprs, given)) : Optional.empty();
  }

  /** One value as its parameter's type; {@code none} gives {@code Optional.empty()} where allowed. */
  Optional<?> convert(Setting param, Expr e) {
    String what = "'" + param.name() + "'";
    if (param.defaultSource().filter("none"::equals).isPresent()) {
      if (isNone(e)) {
        return Optional.of(Optional.empty());
      }
      return convertPresent(param, e, what).map(Optional::of);
    }
    return convertPresent(param, e, what);
  }

  private Optional<?> convertPresent(Setting param, Expr e, String what) {
    Bound bound = param.bound();
    return switch (param.type()) { // exhaustive: a new type without a case does not compile
      case INT -> integer(e, what, bound);
      case NUMBER -> number(e, what, bound);
      case SCHEDULE -> schedule(e, what, bound);
      case STRING -> string(e, what);
      case PATH -> string(e, what).flatMap(s -> ctx.path(s, e.span(), what));
      case REGEX -> regex(e, what);
      case RANGE -> range(e, what, bound);
      case NUMBER_ARROW -> numberArrow(e, what);
      case RANGE_ARROW -> rangeArrow(e, what);
      case REWARD -> ctx.rewards.reward(e);
      case MODEL -> modelName(e, what);
      case SAMPLING -> ctx.specs.sampling(e);
      case ALGORITHM -> ctx.specs.algorithm(e);
      case KL -> ctx.specs.kl(e);
      case DOCTOR -> ctx.specs.doctor(e);
      case TRACES -> ctx.specs.traces(e);
      case PERIODIC_EVAL -> ctx.specs.periodicEval(e);
      case CURRICULUM -> Optional.of(e); // needs the stage's task: checked by Stages
      case CHOICE -> choice(e, param);
      case TASK -> taskName(e, what);
    };
  }

  static boolean isNone(Expr e) {
    return e instanceof Expr.Ref r && r.name().equals("none");
  }

  /** A number, folding arithmetic on literals ({@code -1}, {@code 1/3}); checked against {@code bound}. */
  Optional<Double> number(Expr e, String what, Bound bound) {
    Optional<Double> value = fold(e);
    if (value.isEmpty()) {
      ctx.error(e.span(), "expected a number for " + what + ", got " + ValueText.describe(e));
      return Optional.empty();
    }
    return within(value.get(), e, what, bound);
  }

  /**
   * A whole number that fits a Java int, which is what the engine takes for steps, sizes and counts: a larger one
   * would wrap silently (4294967298 steps would run 2), so the limit is named instead.
   */
  Optional<Integer> integer(Expr e, String what, Bound bound) {
    Optional<Double> value = fold(e);
    if (value.isPresent() && value.get() == Math.rint(value.get())
        && (value.get() > Integer.MAX_VALUE || value.get() < Integer.MIN_VALUE)) {
      boolean high = value.get() > 0;
      ctx.error(e.span(), what + " must be " + (high ? "at most " + Integer.MAX_VALUE : "at least "
          + Integer.MIN_VALUE) + " (the " + (high ? "largest" : "smallest") + " whole number a setting holds), got "
          + ValueText.written(e, value.get()));
      return Optional.empty();
    }
    return whole(e, what, bound).map(Long::intValue);
  }

  Optional<Long> whole(Expr e, String what, Bound bound) {
    Optional<Double> value = fold(e);
    if (value.isPresent() && value.get() == Math.rint(value.get()) && Math.abs(value.get()) > WHOLE_LIMIT) {
      // the bound's own lower end where it has one (a seed is at least 0)
      String range = bound.contains(-WHOLE_LIMIT) ? "between -" + (long) WHOLE_LIMIT + " and " + (long) WHOLE_LIMIT
          : "at most " + (long) WHOLE_LIMIT;
      ctx.error(e.span(), what + " must be " + range + ", got " + ValueText.written(e, value.get()));
      return Optional.empty();
    }
    if (value.isEmpty() || value.get() != Math.rint(value.get()) || Math.abs(value.get()) > WHOLE_LIMIT) {
      ctx.error(e.span(), "expected a whole number for " + what + ", got "
          + value.map(ValueText::format).orElse(ValueText.describe(e)));
      return Optional.empty();
    }
    return within(value.get(), e, what, bound).map(Double::longValue);
  }

  private Optional<Double> within(double value, Expr e, String what, Bound bound) {
    if (!bound.contains(value)) {
      ctx.error(e.span(), what + " must be " + bound.describe() + ", got " + ValueText.format(value));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** The value of {@code e} when it is arithmetic on literals ({@code 2 - 2}); empty for anything else. */
  static Optional<Double> constant(Expr e) {
    return fold(e);
  }

  private static Optional<Double> fold(Expr e) {
    if (e instanceof Expr.Num n) {
      return Double.isFinite(n.value()) ? Optional.of(n.value()) : Optional.empty();
    }
    if (e instanceof Expr.Negate n) {
      return fold(n.operand()).map(v -> -v);
    }
    if (e instanceof Expr.Binary b) {
      Optional<Double> l = fold(b.left());
      Optional<Double> r = fold(b.right());
      if (l.isEmpty() || r.isEmpty()) {
        return Optional.empty();
      }
      double x = l.get();
      double y = r.get();
      switch (b.op()) {
        case ADD: return Optional.of(x + y);
        case SUB: return Optional.of(x - y);
        case MUL: return Optional.of(x * y);
        case DIV: return y == 0 ? Optional.empty() : Optional.of(x / y);
        default: return Optional.empty();
      }
    }
    return Optional.empty();
  }

  Optional<String> string(Expr e, String what) {
    if (e instanceof Expr.Str s) {
      return Optional.of(s.value());
    }
    ctx.error(e.span(), "expected a string for " + what + ", got " + ValueText.describe(e)
        + ": write it in double quotes");
    return Optional.empty();
  }

  /** A regex, compiled now so a bad pattern is reported at its place. */
  Optional<String> regex(Expr e, String what) {
    String pattern;
    int offset; // columns from the expression's start to the pattern's first character
    if (e instanceof Expr.Regex r) {
      pattern = r.pattern();
      offset = 3;
    } else if (e instanceof Expr.Str s) {
      pattern = s.value();
      offset = 1;
    } else {
      ctx.error(e.span(), "expected a regex re\"…\" for " + what + ", got " + ValueText.describe(e));
      return Optional.empty();
    }
    try {
      Pattern.compile(pattern);
      return Optional.of(pattern);
    } catch (PatternSyntaxException bad) {
      int index = Math.max(0, Math.min(bad.getIndex(), pattern.length()));
      int column = e.span().column() + offset + index;
      boolean sameLine = e.span().line() == e.span().endLine() && column < e.span().endColumn();
      var at = sameLine
          ? new Span(e.span().file(), e.span().line(), column, e.span().line(), column + 1)
          : e.span();
      ctx.error(at, "invalid regex: " + bad.getDescription());
      return Optional.empty();
    }
  }

  /** {@code 2..6} or a single level {@code 4}, within the limits in {@code bound}. */
  Optional<LevelRange> range(Expr e, String what, Bound bound) {
    long low;
    long high;
    if (e instanceof Expr.Range r && r.low().isWhole() && r.high().isWhole()) {
      low = (long) r.low().value();
      high = (long) r.high().value();
    } else if (e instanceof Expr.Num n && n.isWhole()) {
      low = (long) n.value();
      high = low;
    } else {
      ctx.error(e.span(), "expected a level or a range of whole numbers such as 2..6 for " + what + ", got "
          + ValueText.describe(e));
      return Optional.empty();
    }
    if (low > high) {
      ctx.error(e.span(), "empty range " + low + ".." + high + " for " + what + ": write the smaller end first");
      return Optional.empty();
    }
    if (low < Integer.MIN_VALUE || high > Integer.MAX_VALUE) { // levels are ints in the engine
      ctx.error(e.span(), what + " must lie within " + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE + ", got "
          + low + ".." + high);
      return Optional.empty();
    }
    if (!bound.contains(low) || !bound.contains(high)) {
      ctx.error(e.span(), what + " must lie within " + bound.describe() + ", got " + low + ".." + high);
      return Optional.empty();
    }
    return Optional.of(new LevelRange((int) low, (int) high));
  }

  Optional<ParamType.Change> numberArrow(Expr e, String what) {
    if (!(e instanceof Expr.Arrow a)) {
      ctx.error(e.span(), "expected a change such as 1e-3 -> 1e-4 for " + what + ", got " + ValueText.describe(e));
      return Optional.empty();
    }
    Optional<Double> from = number(a.from(), what, Bound.NONE);
    Optional<Double> to = number(a.to(), what, Bound.NONE);
    return from.isPresent() && to.isPresent() ? Optional.of(new ParamType.Change(from.get(), to.get()))
        : Optional.empty();
  }

  Optional<ParamType.LevelChange> rangeArrow(Expr e, String what) {
    if (!(e instanceof Expr.Arrow a)) {
      ctx.error(e.span(), "expected a change of range such as 2..3 -> 2..6 for " + what + ", got "
          + ValueText.describe(e));
      return Optional.empty();
    }
    Optional<LevelRange> from = range(a.from(), what, Bound.NONE);
    Optional<LevelRange> to = range(a.to(), what, Bound.NONE);
    return from.isPresent() && to.isPresent()
        ? Optional.of(new ParamType.LevelChange(from.get(), to.get()))
        : Optional.empty();
  }

  Optional<String> choice(Expr e, Setting param) {
    if (e instanceof Expr.Ref r && param.choices().contains(r.name())) {
      return Optional.of(r.name());
    }
    String got = e instanceof Expr.Ref r ? "'" + r.name() + "'" + Suggest.hint(r.name(), param.choices())
        : ValueText.describe(e);
    ctx.error(e.span(), "'" + param.name() + "' must be one of " + String.join(", ", param.choices()) + "; got "
        + got);
    return Optional.empty();
  }

  /** A number (constant) or a schedule call; every value the schedule takes is checked against {@code bound}. */
  Optional<Schedule> schedule(Expr e, String what, Bound bound) {
    if (fold(e).isPresent()) {
      return number(e, what, bound).map(Schedule::constant);
    }
    if (e instanceof Expr.Call call) {
      Optional<Builtin> builtin = Builtins.find(call.callee().text(), Kind.SCHEDULE);
      if (builtin.isEmpty()) {
        ctx.error(call.callee().span(), "unknown schedule '" + call.callee().text() + "'"
            + hintOr(call.callee().text(), Builtins.namesOf(Kind.SCHEDULE)));
        return Optional.empty();
      }
      return call(builtin.get(), call).flatMap(args -> schedule(builtin.get(), args, call, what, bound));
    }
    ctx.error(e.span(), "expected a number or a schedule such as cosine(1e-3 -> 1e-4) for " + what + ", got "
        + ValueText.describe(e));
    return Optional.empty();
  }

  /** The schedule {@code builtin}'s definition makes, once every value it moves between is within {@code bound}. */
  @SuppressWarnings("unchecked")
  private Optional<Schedule> schedule(Builtin builtin, Checked args, Expr.Call call, String what, Bound bound) {
    Definition<Schedule> definition = (Definition<Schedule>) builtin.requireDefinition();
    double[] ends = Schedules.ends(definition, args.args());
    for (double end : ends) {
      if (!bound.contains(end)) {
        ctx.error(args.span(ends.length == 2 ? "change" : "value"),
            what + " must be " + bound.describe() + " at every step, got " + ValueText.format(end));
        return Optional.empty();
      }
    }
    return ctx.specs.create(builtin, args, call.span());
  }

  private Optional<String> modelName(Expr e, String what) {
    if (!(e instanceof Expr.Ref r)) {
      ctx.error(e.span(), "expected a model name for " + what + ", got " + ValueText.describe(e));
      return Optional.empty();
    }
    return ctx.scope.resolve(new Name(r.name(), r.span()), Symbol.Model.class, "model", List.of())
        .map(m -> r.name());
  }

  private Optional<String> taskName(Expr e, String what) {
    if (!(e instanceof Expr.Ref r)) {
      ctx.error(e.span(), "expected a task name for " + what + ", got " + ValueText.describe(e));
      return Optional.empty();
    }
    return ctx.scope.resolve(new Name(r.name(), r.span()), Symbol.Task.class, "task", List.of()).map(t -> r.name());
  }

  /** " (did you mean 'x'?)" or "; one of a, b, c". */
  static String hintOr(String word, List<String> candidates) {
    String hint = Suggest.hint(word, candidates);
    return hint.isEmpty() ? "; one of " + String.join(", ", candidates) : hint;
  }

  /** Beyond this a double no longer holds every whole number exactly. */
  private static final double WHOLE_LIMIT = 1e15;
}
