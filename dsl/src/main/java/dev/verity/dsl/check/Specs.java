package dev.verity.dsl.check;

import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.builtin.Bound;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.rl.Algorithm;
import dev.verity.engine.rl.KlSpec;
import dev.verity.engine.rl.PeriodicEval;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.TaskDataException;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.TraceStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The engine's contract types built from calls: tasks, models, sampling, algorithms, KL, traces, evaluations. */
final class Specs {
  /** Problems an evaluation draws from an endless task when no count is given. */
  static final int EVAL_COUNT = 256;
  /** Sampling when an evaluation names none: greedy, the default response limit. */
  static final SamplingSpec GREEDY = SamplingSpec.greedy(128);

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
      ctx.error(e.span(), "expected " + expected + ", got " + Values.describe(e));
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

  Optional<TaskSpec> task(Expr e) {
    return builtin(e, Kind.TASK, "a task such as addition(digits: 2..6)")
        .flatMap(b -> args(b, e).flatMap(a -> task(b.name(), a)));
  }

  private Optional<TaskSpec> task(String name, Checked a) {
    int count = a.integer("count");
    switch (name) {
      case "addition": return Optional.of(new TaskSpec.Addition(a.range("digits"), count));
      case "multiplication": return Optional.of(new TaskSpec.Multiplication(a.range("digits"), count));
      case "countdown":
        return Optional.of(new TaskSpec.Countdown(a.range("numbers"), a.range("target"), count));
      case "modchain": return Optional.of(new TaskSpec.Modchain(a.range("depth"), a.integer("modulus"), count));
      default:
        Path path = a.get("path", Path.class);
        if (!Files.isRegularFile(path)) {
          String written = ((dev.verity.dsl.ast.Expr.Str) a.sources().get("path")).value();
          ctx.error(a.span("path"), "no such file: " + written + " (" + ctx.baseNote + ")");
          return Optional.empty();
        }
        TaskSpec.Jsonl spec = new TaskSpec.Jsonl(path, a.string("prompt"), a.string("answer"),
            a.optional("trace", String.class).orElse(null), a.optional("level", String.class).orElse(null), count);
        // read the data now, so a bad line stops the check here instead of a run after earlier stages trained
        Optional<RuntimeException> bad = ctx.data.failure(spec);
        if (bad.isPresent()) {
          String written = ((dev.verity.dsl.ast.Expr.Str) a.sources().get("path")).value();
          ctx.error(a.span("path"), bad.get() instanceof TaskDataException d
              ? written + (d.line() > 0 ? ":" + d.line() : "") + ": " + d.detail()
              : bad.get().getMessage());
          return Optional.empty();
        }
        return Optional.of(spec);
    }
  }

  /** {@code gpt(…)}: a shape, with dim divisible by heads, small enough to build. */
  Optional<ModelSpec> gpt(Expr.Call call, Builtin gpt) {
    return ctx.values.call(gpt, call).flatMap(a -> {
      int heads = a.integer("heads");
      int dim = a.integer("dim");
      if (dim % heads != 0) {
        ctx.error(a.span("dim"), "dim " + dim + " is not divisible by heads " + heads + ": use a multiple of "
            + heads + " such as " + Math.max(heads, dim / heads * heads));
        return Optional.empty();
      }
      ModelSpec spec = new ModelSpec(a.integer("layers"), heads, dim, a.integer("context"));
      Optional<String> tooLarge = spec.tooLarge(0); // the vocabulary is a few dozen tokens: the layers decide
      if (tooLarge.isPresent()) {
        ctx.error(call.span(), "this model is too large to build: " + tooLarge.get() + "; make dim or layers smaller");
        return Optional.empty();
      }
      return Optional.of(spec);
    });
  }

  /** A declared sampling's name, or an inline {@code sample(…)}. */
  Optional<SamplingSpec> sampling(Expr e) {
    if (e instanceof Expr.Ref r && Builtins.find(r.name(), Kind.SAMPLING).isEmpty()) {
      return ctx.scope.resolve(new Name(r.name(), r.span()), Symbol.Sampling.class, "sampling", List.of())
          .map(Symbol.Sampling::spec);
    }
    return builtin(e, Kind.SAMPLING, "a sampling name or sample(…)").flatMap(b -> args(b, e)).map(a ->
        new SamplingSpec(a.schedule("temperature"), a.integer("top_k"), a.number("top_p"), a.integer("max_tokens"),
            a.integer("per_prompt"), a.integer("min_tokens")));
  }

  Optional<Algorithm> algorithm(Expr e) {
    return builtin(e, Kind.ALGORITHM, "an algorithm such as grpo(clip: 0.2)").flatMap(b -> args(b, e).map(a -> {
      switch (b.name()) {
        case "reinforce":
          return new Algorithm.Reinforce(Algorithm.Baseline.valueOf(a.string("baseline").toUpperCase(Locale.ROOT)));
        case "grpo": return new Algorithm.Grpo(a.number("clip"));
        case "dr_grpo": return new Algorithm.DrGrpo(a.number("clip"));
        case "rloo": return new Algorithm.Rloo();
        case "reinforce_pp": return new Algorithm.ReinforcePp(a.number("clip"));
        default: return new Algorithm.K15(a.number("tau"));
      }
    }));
  }

  /** {@code k3(0.01, to: reference)}; {@code none} is handled by the caller. */
  Optional<KlSpec> kl(Expr e) {
    return builtin(e, Kind.KL_ESTIMATOR, "a kl estimator such as k3(0.01, to: reference), or none")
        .flatMap(b -> args(b, e).map(a -> new KlSpec(
            KlSpec.Estimator.valueOf(b.name().toUpperCase(Locale.ROOT)),
            a.schedule("coefficient"),
            KlSpec.Target.valueOf(a.string("to").toUpperCase(Locale.ROOT)))));
  }

  /** {@code scratchpad} or {@code mix(direct: 0.8, scratchpad: 0.2)}: each style with a positive weight. */
  Optional<Map<TraceStyle, Double>> traces(Expr e) {
    return builtin(e, Kind.TRACE_MIX, "a trace style or mix(direct: 0.8, scratchpad: 0.2)").flatMap(b -> {
      if (!b.name().equals("mix")) {
        Map<TraceStyle, Double> one = new EnumMap<>(TraceStyle.class);
        one.put(TraceStyle.valueOf(b.name().toUpperCase(Locale.ROOT)), 1.0);
        return Optional.of(one);
      }
      return args(b, e).flatMap(a -> {
        Map<TraceStyle, Double> weights = new EnumMap<>(TraceStyle.class);
        for (TraceStyle style : TraceStyle.values()) {
          double w = a.number(style.dslName());
          if (w > 0) {
            weights.put(style, w);
          }
        }
        if (weights.isEmpty()) {
          ctx.error(e.span(), "the trace mix has no positive weight: give one, e.g. mix(direct: 1)");
          return Optional.empty();
        }
        return Optional.of(weights);
      });
    });
  }

  /** {@code add_test with greedy every 25}; a generator task is evaluated on a frozen set of 256. */
  Optional<PeriodicEval> periodicEval(Expr e) {
    Expr.With with = e instanceof Expr.With w ? w : new Expr.With(e, Optional.empty(), Optional.empty(), e.span());
    if (!(with.task() instanceof Expr.Ref task)) {
      ctx.error(with.task().span(), "expected a task name for 'eval', got " + Values.describe(with.task())
          + ": write eval: TASK with SAMPLING every N");
      return Optional.empty();
    }
    Optional<Symbol.Task> symbol =
        ctx.scope.resolve(new Name(task.name(), task.span()), Symbol.Task.class, "task", List.of());
    Optional<SamplingSpec> sampling = with.sampling().isPresent() ? sampling(with.sampling().get())
        : Optional.of(GREEDY);
    if (with.every().isEmpty()) {
      ctx.error(with.span(), "say how often to evaluate: eval: " + task.name() + " with greedy every 25");
      return Optional.empty();
    }
    Optional<Long> every = ctx.values.whole(with.every().get(), "'every'", Bound.atLeast(1));
    if (symbol.isEmpty() || sampling.isEmpty() || every.isEmpty()) {
      return Optional.empty();
    }
    TaskSpec spec = symbol.get().spec();
    TaskSpec frozen = spec.count() > 0 ? spec : Tasks.withCount(spec, EVAL_COUNT);
    return Optional.of(new PeriodicEval(task.name(), frozen, sampling.get(), every.get().intValue()));
  }

  /** A curriculum over the stage task's knob: {@code cosine(digits: 2..3 -> 2..6, warmup: 10)}. */
  Optional<dev.verity.engine.rl.Curriculum> curriculum(Expr e, String taskName, TaskSpec task) {
    return new Curricula(ctx).check(e, taskName, task);
  }
}
