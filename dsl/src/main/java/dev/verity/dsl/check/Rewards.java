package dev.verity.dsl.check;

import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.engine.catalog.Bound;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.reward.RewardTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reward expressions: built-in terms, declared rewards (inlined as {@code RewardExpr.Named}), numbers, schedules
 * as coefficients, arithmetic, comparisons, {@code min}/{@code max} and {@code if … then … else …}.
 */
final class Rewards {
  private final Context ctx;

  Rewards(Context ctx) {
    this.ctx = ctx;
  }

  Optional<RewardExpr> reward(Expr e) {
    if (e instanceof Expr.Num n) {
      return Optional.of(new RewardExpr.Const(n.value()));
    } else if (e instanceof Expr.Negate n && n.operand() instanceof Expr.Num number) {
      return Optional.of(new RewardExpr.Const(-number.value())); // a negative literal is a number, not an operation
    } else if (e instanceof Expr.Negate n) {
      return reward(n.operand()).map(RewardExpr.Negate::new);
    } else if (e instanceof Expr.Binary b) {
      if (b.op() == Expr.BinaryOp.DIV && Values.constant(b.right()).filter(v -> v == 0).isPresent()) {
        ctx.error(b.right().span(), "a division by 0: the reward would be 0 for every response (x / 0 is 0 here,"
            + " never NaN): divide by a term or a number that is not 0");
        return Optional.empty();
      }
      Optional<RewardExpr> left = reward(b.left());
      Optional<RewardExpr> right = reward(b.right());
      return left.isPresent() && right.isPresent()
          ? Optional.of(new RewardExpr.Binary(RewardExpr.Op.valueOf(b.op().name()), left.get(), right.get()))
          : Optional.empty();
    } else if (e instanceof Expr.If i) {
      Optional<RewardExpr> c = reward(i.condition());
      Optional<RewardExpr> t = reward(i.then());
      Optional<RewardExpr> o = reward(i.otherwise());
      return c.isPresent() && t.isPresent() && o.isPresent()
          ? Optional.of(new RewardExpr.IfThenElse(c.get(), t.get(), o.get()))
          : Optional.empty();
    } else if (e instanceof Expr.Ref r) {
      return reference(r);
    } else if (e instanceof Expr.Call c) {
      return call(c);
    }
    ctx.error(e.span(), "expected a reward, got " + ValueText.describe(e)
        + ": combine terms such as exact_answer() with + - * /");
    return Optional.empty();
  }

  private Optional<RewardExpr> reference(Expr.Ref ref) {
    Name name = new Name(ref.name(), ref.span());
    Optional<Symbol> symbol = ctx.scope.get(ref.name());
    if (symbol.isEmpty() && !ctx.scope.isPoisoned(ref.name())) {
      Optional<Builtin> term = Builtins.find(ref.name(), Kind.REWARD_TERM);
      if (term.isPresent() && term.get().params().stream().noneMatch(p -> p.required())) {
        return term(term.get(), new Expr.Call(name, List.of(), ref.span()));
      }
      if (term.isPresent()) {
        ctx.error(ref.span(), "reward term " + ref.name() + " needs arguments: " + term.get().signature());
        return Optional.empty();
      }
    }
    List<String> bare = Builtins.ofKind(Kind.REWARD_TERM).stream()
        .filter(b -> b.params().stream().noneMatch(p -> p.required())).map(Builtin::name).toList();
    return ctx.scope.resolve(name, Symbol.Reward.class, "reward", bare)
        .map(r -> new RewardExpr.Named(ref.name(), r.body()));
  }

  private Optional<RewardExpr> call(Expr.Call call) {
    String callee = call.callee().text();
    if (ctx.scope.get(callee).filter(Symbol.Reward.class::isInstance).isPresent()) {
      ctx.error(call.span(), "reward '" + callee + "' takes no arguments here: write " + callee
          + " (arguments belong in check " + callee + "(prompt: …, response: …, answer: …) == 1)");
      return Optional.empty();
    }
    Optional<Builtin> term = Builtins.find(callee, Kind.REWARD_TERM);
    if (term.isPresent()) {
      return term(term.get(), call);
    }
    if (JavaCalls.is(call)) {
      return ctx.java.reward(call).flatMap(j -> ctx.java.made(j, () -> ctx.values.call(j.builtin(), j.rest())
          .flatMap(args -> ctx.specs.create(j.builtin(), args, call.span()))));
    }
    if (Builtins.find(callee, Kind.SCHEDULE).isPresent()) {
      return ctx.values.schedule(call, "the coefficient", Bound.NONE)
          .map(RewardExpr.Coefficient::new);
    }
    ctx.error(call.callee().span(), "unknown reward term '" + callee + "'" + Values.hintOr(callee,
        Builtins.namesOf(Kind.REWARD_TERM)).replace("; one of", "; reward terms are"));
    return Optional.empty();
  }

  private Optional<RewardExpr> term(Builtin term, Expr.Call call) {
    if (RewardTerms.FUNCTIONS.stream().anyMatch(f -> f.name().equals(term.name()))) {
      return minMax(term, call);
    }
    return ctx.values.call(term, call).flatMap(args -> ctx.specs.create(term, args, call.span()));
  }

  private Optional<RewardExpr> minMax(Builtin term, Expr.Call call) {
    if (call.args().size() < 2) {
      ctx.error(call.span(), term.name() + " needs two or more rewards: " + term.signature());
      return Optional.empty();
    }
    List<RewardExpr> args = new ArrayList<>();
    boolean ok = true;
    for (Expr.Arg arg : call.args()) {
      if (arg.name().isPresent()) {
        ctx.error(arg.name().get().span(), term.name() + " takes unnamed rewards: " + term.signature());
        ok = false;
        continue;
      }
      Optional<RewardExpr> value = reward(arg.value());
      value.ifPresent(args::add);
      ok &= value.isPresent();
    }
    RewardExpr.Function function = term.name().equals("min") ? RewardExpr.Function.MIN : RewardExpr.Function.MAX;
    return ok ? Optional.of(new RewardExpr.Call(function, List.copyOf(args))) : Optional.empty();
  }
}
