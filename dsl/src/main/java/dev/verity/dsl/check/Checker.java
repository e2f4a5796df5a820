package dev.verity.dsl.check;

import dev.verity.dsl.BaseDir;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Program;
import dev.verity.dsl.ast.Stmt;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.dsl.builtin.Setting;
import dev.verity.dsl.builtin.Type;
import dev.verity.engine.catalog.Bound;
import dev.verity.dsl.diag.Reporter;
import dev.verity.dsl.plan.Plan;
import dev.verity.dsl.plan.Action;
import dev.verity.engine.reward.RewardExpr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage 3, AST → plan: resolves names, checks kinds, arguments, types and ranges statement by statement, and
 * builds the typed plan. Reports every error it can find; a cell with any error gets no plan.
 */
public final class Checker {
  private final Context ctx;
  private final SessionState session;
  private final Stages stages;
  private final Outputs outputs;
  private final List<Action> steps = new ArrayList<>();

  private Checker(Environment env, BaseDir baseDir, Reporter reporter) {
    this.ctx = new Context(reporter, new Scope(env.names(), reporter), baseDir);
    this.session = new SessionState(env);
    this.stages = new Stages(ctx, session);
    this.outputs = new Outputs(ctx, session);
  }

  /** The plan and the environment after the cell, or empty when anything was reported. */
  public record Result(Optional<Plan> plan, Environment environment) {}

  public static Result check(Program program, Environment env, BaseDir baseDir, Reporter reporter) {
    Checker checker = new Checker(env, baseDir, reporter);
    checker.ctx.alphabets.plan(PlannedMarkers.of(program));
    int before = reporter.count();
    for (Stmt statement : program.statements()) {
      try {
        checker.statement(statement).ifPresent(checker.steps::add);
      } catch (StackOverflowError deep) { // an expression chained or nested too deeply to walk
        reporter.error(statement.span(), "the statement nests too deeply to check: split the expression");
      } catch (RuntimeException bug) {
        reporter.error(statement.span(), "internal error: " + bug + " (please report it with this statement)");
      }
    }
    if (reporter.count() > before) {
      return new Result(Optional.empty(), env);
    }
    return new Result(Optional.of(new Plan(checker.steps, checker.ctx.data.built(), checker.ctx.alphabets.planned())), checker.session.toEnvironment(checker.ctx.scope));
  }

  private Optional<? extends Action> statement(Stmt statement) {
    if (statement instanceof Stmt.Experiment s) {
      return experiment(s);
    } else if (statement instanceof Stmt.Declare s) {
      return declare(s);
    } else if (statement instanceof Stmt.Check s) {
      return check(s);
    } else if (statement instanceof Stmt.Stage s) {
      return stages.stage(s);
    } else if (statement instanceof Stmt.Eval s) {
      return stages.eval(s);
    } else if (statement instanceof Stmt.Plot s) {
      return outputs.plot(s);
    } else if (statement instanceof Stmt.Table s) {
      return outputs.table(s);
    } else if (statement instanceof Stmt.Save s) {
      if (s.path().value().isBlank()) {
        ctx.error(s.path().span(), "save needs a path: save " + s.model().text() + " to \"checkpoints/"
            + s.model().text() + "\"");
        return Optional.empty();
      }
      Optional<Path> path = ctx.path(s.path().value(), s.path().span(), "the path");
      return ctx.scope.resolve(s.model(), Symbol.Model.class, "model", List.of()).flatMap(m -> path.map(p -> {
        ctx.alphabets.fix(s.model().text(), s.span()); // saving makes the weights, as any first use does
        return new Action.Save(s.model().text(), p, s.span());
      }));
    }
    return load((Stmt.Load) statement);
  }

  private Optional<Action.Experiment> experiment(Stmt.Experiment s) {
    if (ctx.experiment.isPresent()) {
      ctx.warn(s.span(), "a second experiment statement in one file or cell: the run is named and seeded by this"
          + " one, and the one at " + ctx.experiment.get().position() + " has no effect; keep one");
    }
    ctx.experiment = Optional.of(s.span());
    Optional<Long> seed = s.seed().isPresent()
        ? ctx.values.whole(s.seed().get(), "the seed", Bound.atLeast(0))
        : Optional.of(0L);
    if (s.name().value().isBlank()) {
      ctx.error(s.name().span(), "the experiment needs a name: experiment \"my-experiment\" seed 7");
      return Optional.empty();
    }
    return seed.map(value -> {
      session.experiment = Optional.of(new Environment.Experiment(s.name().value(), value));
      return new Action.Experiment(s.name().value(), value, s.span());
    });
  }

  private Optional<? extends Action> declare(Stmt.Declare s) {
    String name = s.name().text();
    Optional<? extends Action> step = switch (s.kind()) {
      case TASK -> ctx.specs.task(s.value()).map(spec -> {
        ctx.scope.bind(name, new Symbol.Task(spec, s.span()));
        return new Action.DeclareTask(name, spec, s.span());
      });
      case MODEL -> model(s);
      case REWARD -> ctx.rewards.reward(s.value()).map(body -> {
        ctx.scope.bind(name, new Symbol.Reward(body, s.span()));
        return new Action.DeclareReward(name, new RewardExpr.Named(name, body), s.span());
      });
      case SAMPLING -> ctx.specs.sampling(s.value()).map(spec -> {
        ctx.scope.bind(name, new Symbol.Sampling(spec, s.span()));
        return new Action.DeclareSampling(name, spec, s.span());
      });
    };
    if (step.isEmpty()) {
      ctx.scope.poison(name);
    }
    return step;
  }

  private Optional<? extends Action> model(Stmt.Declare s) {
    String name = s.name().text();
    ctx.refusedModelContexts.remove(name);
    Optional<Builtin> builtin = ctx.specs.builtin(s.value(), Kind.MODEL, "gpt(…) or copy(MODEL)");
    if (builtin.isEmpty()) {
      return Optional.empty();
    }
    Expr.Call call = s.value() instanceof Expr.Call c ? c
        : new Expr.Call(new Name(builtin.get().name(), s.value().span()), List.of(), s.value().span());
    if (builtin.get().name().equals("gpt")) {
      return ctx.specs.gpt(name, call, builtin.get()).map(spec -> {
        ctx.scope.bind(name, new Symbol.Model(Optional.of(spec), Optional.empty(), s.span()));
        return new Action.DeclareModel(name, spec, s.span());
      });
    }
    return ctx.values.call(builtin.get(), call).map(args -> {
      String source = args.string("model");
      Symbol.Alphabet alphabet = ctx.alphabets.fix(source, s.span()); // the copy reads what its source reads
      Symbol.Model from = (Symbol.Model) ctx.scope.get(source).orElseThrow();
      ctx.scope.bind(name, new Symbol.Model(from.spec(), Optional.of(alphabet), s.span(), from.traces()));
      return new Action.CopyModel(name, source, s.span());
    });
  }

  /** {@code check correct(prompt: "12+30=", response: "42", answer: "42") == 1}. */
  private Optional<Action.Check> check(Stmt.Check s) {
    String usage = "write check REWARD(prompt: \"…\", response: \"…\", answer: \"…\") == NUMBER";
    if (!(s.value() instanceof Expr.Binary b) || !b.op().isComparison()) {
      ctx.error(s.value().span(), "a check compares a reward with a number: " + usage);
      return Optional.empty();
    }
    if (!(b.left() instanceof Expr.Call call)) {
      ctx.error(b.left().span(), "expected a declared reward with arguments on the left: " + usage);
      return Optional.empty();
    }
    if (ctx.scope.get(call.callee().text()).isEmpty()
        && Builtins.find(call.callee().text(), Kind.REWARD_TERM).isPresent()) {
      ctx.error(call.callee().span(), "a check tests a declared reward: declare reward r = "
          + call.callee().text() + "(…) and write check r(response: \"…\") == 1");
      return Optional.empty();
    }
    Optional<Symbol.Reward> reward = ctx.scope.resolve(call.callee(), Symbol.Reward.class, "reward", List.of());
    Optional<Double> expected = ctx.values.number(b.right(), "the expected value", Bound.NONE);
    Optional<Checked> args = ctx.values.call(CHECK_ARGS, call);
    if (reward.isEmpty() || expected.isEmpty() || args.isEmpty()) {
      return Optional.empty();
    }
    RewardExpr named = new RewardExpr.Named(call.callee().text(), reward.get().body());
    Optional<Action.TaskRef> task = args.get().optional("task", String.class)
        .map(name -> new Action.TaskRef(name, ((Symbol.Task) ctx.scope.get(name).orElseThrow()).spec()));
    return Optional.of(new Action.Check(s.text(), named, args.get().string("prompt"), args.get().string("response"),
        args.get().string("answer"), RewardExpr.Op.valueOf(b.op().name()), expected.get(), task, s.span()));
  }

  /** The arguments a declared reward takes inside a check. */
  static final Builtin CHECK_ARGS = new Builtin("check", Kind.STATEMENT, List.of(
      new Setting("prompt", Type.STRING, Optional.of("\"\""), false, Bound.NONE, List.of(),
          "the prompt the response answers"),
      new Setting("response", Type.STRING, Optional.empty(), false, Bound.NONE, List.of(), "the response to score"),
      new Setting("answer", Type.STRING, Optional.of("\"\""), false, Bound.NONE, List.of(), "the reference answer"),
      new Setting("task", Type.TASK, Optional.of("none"), false, Bound.NONE, List.of(),
          "score with this task's verifier, exactly as RL on it does")),
      "", "");

  private Optional<Action.Load> load(Stmt.Load s) {
    if (s.path().value().isBlank()) {
      ctx.error(s.path().span(), "load needs a path: load " + s.model().text() + " from \"checkpoints/"
          + s.model().text() + "\"");
      return Optional.empty();
    }
    Optional<Path> path = ctx.path(s.path().value(), s.path().span(), "the path");
    if (path.isEmpty()) {
      return Optional.empty();
    }
    Optional<Symbol> existing = ctx.scope.get(s.model().text());
    if (existing.isPresent() && !(existing.get() instanceof Symbol.Model)) {
      ctx.error(s.model().span(), "'" + s.model().text() + "' is " + Scope.article(existing.get().kind())
          + ", but load needs a model name");
      return Optional.empty();
    }
    // the checkpoint's alphabet is known only when it runs, where the executor checks each task against it
    Optional<Symbol.Alphabet> unknown = Optional.of(new Symbol.Alphabet(Optional.empty(), s.span()));
    if (existing.isEmpty()) {
      ctx.scope.bind(s.model().text(), new Symbol.Model(Optional.empty(), unknown, s.span()));
    } else {
      Symbol.Model declared = (Symbol.Model) existing.get();
      ctx.scope.update(s.model().text(), new Symbol.Model(declared.spec(), unknown, declared.span()));
    }
    return Optional.of(new Action.Load(s.model().text(), path.get(), s.span()));
  }
}
