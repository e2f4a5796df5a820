package dev.verity.dsl.check;

import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Span;

/** Moves every span of an expression to one place: a built-in default is reported where it applies. */
final class Relocate {
  private Relocate() {}

  static Expr to(Expr e, Span at) {
    if (e instanceof Expr.Num n) {
      return new Expr.Num(n.value(), n.text(), at);
    } else if (e instanceof Expr.Str s) {
      return new Expr.Str(s.value(), at);
    } else if (e instanceof Expr.Regex r) {
      return new Expr.Regex(r.pattern(), at);
    } else if (e instanceof Expr.Range r) {
      return new Expr.Range((Expr.Num) to(r.low(), at), (Expr.Num) to(r.high(), at), at);
    } else if (e instanceof Expr.Ref r) {
      return new Expr.Ref(r.name(), at);
    } else if (e instanceof Expr.Call c) {
      return new Expr.Call(new Name(c.callee().text(), at),
          c.args().stream().map(a -> new Expr.Arg(a.name().map(n -> new Name(n.text(), at)), to(a.value(), at), at))
              .toList(),
          at);
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), to(b.left(), at), to(b.right(), at), at);
    } else if (e instanceof Expr.Negate n) {
      return new Expr.Negate(to(n.operand(), at), at);
    } else if (e instanceof Expr.Arrow a) {
      return new Expr.Arrow(to(a.from(), at), to(a.to(), at), at);
    } else if (e instanceof Expr.If i) {
      return new Expr.If(to(i.condition(), at), to(i.then(), at), to(i.otherwise(), at), at);
    } else {
      Expr.With w = (Expr.With) e;
      return new Expr.With(to(w.task(), at), w.sampling().map(s -> to(s, at)), w.every().map(v -> to(v, at)), at);
    }
  }
}
