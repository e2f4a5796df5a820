package dev.verity.dsl.check;

import dev.verity.dsl.Overrides;
import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.dsl.builtin.Setting;
import dev.verity.dsl.builtin.Type;
import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.ArgumentException;
import dev.verity.engine.catalog.Bound;
import dev.verity.engine.doctor.DoctorSettings;
import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.rl.Algorithm;
import dev.verity.engine.rl.Curriculum;
import dev.verity.engine.rl.KlSpec;
import dev.verity.engine.rl.PeriodicEval;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.TaskDataException;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.TaskType;
import dev.verity.engine.task.TraceStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's contract types built from calls — tasks, models, sampling, algorithms, KL, traces, evaluations —
 * each by its engine definition's factory, from arguments checked against the definition's parameters.
 */
final class Specs {
  private final Context ctx;

  Specs(Context ctx) {
    this.ctx = ctx;
  }

  /** The built-in {@code e} calls or names, of one of {@code kind}, reporting an unknown name. */
  Optional<Builtin> builtin(Expr e, Kind kind, String expected) {
    String name;
    Name at;
    if (e instanceof Expr.Call c) {
      name = c.callee().text();
      at = c.callee();
    } else if (e instanceof Expr.Ref r) {
      name = r.name();
      at = new Name(r.name(), r.span());
    } else {
      ctx.error(e.span(), "expected " + expected + ", got " + ValueText.describe(e));
      return Optional.empty();
    }
    Optional<Builtin> found = Builtins.find(name, kind);
    if (found.isEmpty()) {
      ctx.error(at.span(), "unknown " + kind.label() + " '" + name + "'"
          + Values.hintOr(name, Builtins.namesOf(kind)));
    }
    return found;
  }

  /** Checked arguments of a call or bare name of a built-in. */
  private Optional<Checked> args(Builtin builtin, Expr e) {
    return e instanceof Expr.Call c ? ctx.values.call(builtin, c) : ctx.values.bare(builtin, (Expr.Ref) e);
  }

  /**
   * What {@code builtin}'s engine definition makes of the checked arguments; a refusal is reported at the
   * argument it names, or at {@code call} for the arguments together.
   */
  @SuppressWarnings("unchecked")
  <T> Optional<T> create(Builtin builtin, Checked a, Span call) {
    try {
      return Optional.of((T) builtin.requireDefinition().create(a.args()));
    } catch (ArgumentException e) {
      Span at = e.param().isEmpty() ? call : a.span(e.param());
      ctx.error(at, e.getMessage() + overridden(a, at));
      return Optional.empty();
    }
  }

  /**
   * For a refusal placed in the file that arguments set by an override take part in ({@code --set policy.heads=3}
   * making dim indivisible): which, so the user looks there too and not only at the line shown.
   */
  private static String overridden(Checked a, Span at) {
    if (Overrides.isOverride(at.file())) {
      return "";
    }
    String set = a.sources().entrySet().stream().filter(s -> Overrides.isOverride(s.getValue().span().file()))
        .map(s -> s.getValue().span().file() + "=" + a.written(s.getKey())).sorted()
        .collect(java.util.stream.Collectors.joining(", "));
    return set.isEmpty() ? "" : " (with " + set + ")";
  }

  /** The call {@code e} to a built-in of {@code kind}, made by its definition. */
  <T> Optional<T> made(Expr e, Kind kind, String expected) {
    return builtin(e, kind, expected).flatMap(b -> args(b, e).flatMap(a -> this.<T>create(b, a, e.span())));
  }

  Optional<TaskSpec> task(Expr e) {
    if (JavaCalls.is(e)) {
      return ctx.java.task((Expr.Call) e).flatMap(j -> ctx.java.made(j, () -> args(j.builtin(), j.rest())
          .flatMap(a -> task(j.builtin(), a)).flatMap(spec -> ctx.java.asked(j, spec))));
    }
    return builtin(e, Kind.TASK, "a task such as addition(digits: 2..6)")
        .flatMap(b -> args(b, e).flatMap(a -> task(b, a)));
  }

  private Optional<TaskSpec> task(Builtin builtin, Checked a) {
    TaskType type = (TaskType) builtin.requireDefinition();
    for (Setting p : builtin.params()) {
      if (p.type() == Type.PATH && !Files.isRegularFile(a.get(p.name(), Path.class))) {
        boolean folder = Files.isDirectory(a.get(p.name(), Path.class));
        ctx.error(a.span(p.name()), (folder ? a.written(p.name()) + " is a folder: name the data file in it, e.g. "
            + a.written(p.name()) + "/problems.jsonl" : "no such file: " + a.written(p.name())) + " (" + ctx.baseNote
            + ")");
        return Optional.empty();
      }
    }
    Args args = a.args();
    TaskSpec spec = new TaskSpec(type, new Args(args.values().entrySet().stream()
        .filter(x -> !x.getKey().equals(TaskSpec.COUNT.name()))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))), a.integer("count"));
    // build the task now (reading a data file), so bad data stops the check here instead of a run after earlier
    // stages trained
    Optional<RuntimeException> bad = ctx.data.failure(spec);
    if (bad.isPresent()) {
      String path = builtin.params().stream().filter(p -> p.type() == Type.PATH).map(p -> p.name()).findFirst()
          .orElse("");
      Span at = path.isEmpty() ? a.span(builtin.params().get(0).name()) : a.span(path);
      ctx.error(at, bad.get() instanceof TaskDataException d && !path.isEmpty()
          ? a.written(path) + (d.line() > 0 ? ":" + d.line() : "") + ": " + d.detail()
          : bad.get().getMessage());
      return Optional.empty();
    }
    return Optional.of(spec);
  }

  /**
   * {@code gpt(…)}: a shape, with dim divisible by heads, small enough to build. When every argument is fine but
   * the shape is refused, its context is kept for {@code name} (see {@link Context#refusedModelContexts}).
   */
  Optional<ModelSpec> gpt(String name, Expr.Call call, Builtin gpt) {
    ctx.refusedModelContexts.remove(name);
    Optional<Checked> args = ctx.values.call(gpt, call);
    Optional<ModelSpec> spec = args.flatMap(a -> create(gpt, a, call.span()));
    if (spec.isEmpty() && args.isPresent()) {
      ctx.refusedModelContexts.put(name, args.get().integer("context"));
    }
    return spec;
  }

  /** A declared sampling's name, or an inline {@code sample(…)}. */
  Optional<SamplingSpec> sampling(Expr e) {
    if (e instanceof Expr.Ref r && Builtins.find(r.name(), Kind.SAMPLING).isEmpty()) {
      return ctx.scope.resolve(new Name(r.name(), r.span()), Symbol.Sampling.class, "sampling", List.of())
          .map(Symbol.Sampling::spec);
    }
    return made(e, Kind.SAMPLING, "a sampling name or sample(…)");
  }

  Optional<Algorithm> algorithm(Expr e) {
    return made(e, Kind.ALGORITHM, "an algorithm such as grpo(clip: 0.2)");
  }

  /** {@code k3(0.01, to: reference)}; {@code none} is handled by the caller. */
  Optional<KlSpec> kl(Expr e) {
    return made(e, Kind.KL_ESTIMATOR, "a kl estimator such as k3(0.01, to: reference), or none");
  }

  /** {@code warn(zero_std: 0.8)}, {@code warn()} or {@code off}. */
  Optional<DoctorSettings> doctor(Expr e) {
    return made(e, Kind.DOCTOR, "warn() with thresholds such as warn(zero_std: 0.8, window: 12), or off");
  }

  /**
   * {@code scratchpad}, {@code reflect(p: 0.3)} or {@code mix(direct: 0.8, scratchpad: 0.2)}: each style with a
   * positive weight, and reflect's p.
   */
  Optional<TraceMix> traces(Expr e) {
    return builtin(e, Kind.TRACE_MIX, "a trace style or mix(direct: 0.8, scratchpad: 0.2)").flatMap(b -> {
      Optional<TraceStyle> one = TraceStyle.find(b.name());
      if (one.isPresent()) {
        return b.params().isEmpty() ? Optional.of(TraceMix.of(one.get()))
            : args(b, e).map(a -> new TraceMix(TraceMix.of(one.get()).weights(), a.number("p")));
      }
      return args(b, e).flatMap(a -> {
        Map<TraceStyle, Double> weights = new EnumMap<>(TraceStyle.class);
        for (TraceStyle style : TraceStyle.values()) {
          double w = a.number(style.id());
          if (w > 0) {
            weights.put(style, w);
          }
        }
        if (weights.isEmpty()) {
          ctx.error(e.span(), "the trace mix has no positive weight: give one, e.g. mix(direct: 1)");
          return Optional.empty();
        }
        return Optional.of(new TraceMix(weights, a.number("reflect_p")));
      });
    });
  }

  /** {@code add_test with greedy every 25}; a generator task is evaluated on a frozen set. */
  Optional<PeriodicEval> periodicEval(Expr e) {
    Expr.With with = e instanceof Expr.With w ? w : new Expr.With(e, Optional.empty(), Optional.empty(), e.span());
    if (!(with.task() instanceof Expr.Ref task)) {
      ctx.error(with.task().span(), "expected a task name for 'eval', got " + ValueText.describe(with.task())
          + ": write eval: TASK with SAMPLING every N");
      return Optional.empty();
    }
    Optional<Symbol.Task> symbol =
        ctx.scope.resolve(new Name(task.name(), task.span()), Symbol.Task.class, "task", List.of());
    Optional<SamplingSpec> sampling = with.sampling().isPresent() ? sampling(with.sampling().get())
        : Optional.of(EvalSet.DEFAULT_SAMPLING);
    if (with.every().isEmpty()) {
      // the advice keeps what was written, so it names no sampling the user did not declare
      Optional<Expr> written = with.sampling();
      ctx.error(with.span(), "say how often to evaluate: " + (written.isEmpty() ? "eval: " + task.name() + " every 25"
          : written.get() instanceof Expr.Ref r ? "eval: " + task.name() + " with " + r.name() + " every 25"
          : "end it with every N, e.g. every 25"));
      return Optional.empty();
    }
    Optional<Long> every = ctx.values.whole(with.every().get(), "'every'", Bound.atLeast(1));
    if (symbol.isEmpty() || sampling.isEmpty() || every.isEmpty()) {
      return Optional.empty();
    }
    TaskSpec spec = symbol.get().spec();
    TaskSpec frozen = spec.count() > 0 ? spec : spec.withCount(EvalSet.DEFAULT_COUNT);
    return Optional.of(new PeriodicEval(task.name(), frozen, sampling.get(), every.get().intValue()));
  }

  /** A curriculum over the stage task's knob: {@code cosine(digits: 2..3 -> 2..6, warmup: 10)}. */
  Optional<Curriculum> curriculum(Expr e, String taskName, TaskSpec task) {
    return new CurriculumChecker(ctx).check(e, taskName, task);
  }
}
