package dev.verity.dsl.parse;

import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Span;
import dev.verity.grammar.VerityBaseVisitor;
import dev.verity.grammar.VerityParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/** Parse tree → {@link Expr}: one method per labelled alternative of {@code expr}. */
final class ExprBuilder extends VerityBaseVisitor<Expr> {
  private final Spans spans;

  ExprBuilder(String file) {
    this.spans = new Spans(file);
  }

  Expr expr(VerityParser.ExprContext ctx) {
    return visit(ctx);
  }

  Name name(Token token) {
    return new Name(token.getText(), spans.of(token));
  }

  Name word(VerityParser.WordContext ctx) {
    return new Name(ctx.getText(), spans.of(ctx));
  }

  Span span(org.antlr.v4.runtime.ParserRuleContext ctx) {
    return spans.of(ctx);
  }

  Span span(Token token) {
    return spans.of(token);
  }

  @Override
  public Expr visitNegate(VerityParser.NegateContext ctx) {
    return new Expr.Negate(expr(ctx.operand), spans.of(ctx));
  }

  @Override
  public Expr visitBinary(VerityParser.BinaryContext ctx) {
    return new Expr.Binary(op(ctx.op), expr(ctx.left), expr(ctx.right), spans.of(ctx));
  }

  @Override
  public Expr visitArrow(VerityParser.ArrowContext ctx) {
    return new Expr.Arrow(expr(ctx.from), expr(ctx.to), spans.of(ctx));
  }

  @Override
  public Expr visitIfThenElse(VerityParser.IfThenElseContext ctx) {
    return new Expr.If(expr(ctx.condition), expr(ctx.then), expr(ctx.otherwise), spans.of(ctx));
  }

  @Override
  public Expr visitRange(VerityParser.RangeContext ctx) {
    return new Expr.Range(number(ctx.low), number(ctx.high), spans.of(ctx));
  }

  @Override
  public Expr visitNumber(VerityParser.NumberContext ctx) {
    return number(ctx.NUMBER().getSymbol());
  }

  @Override
  public Expr visitString(VerityParser.StringContext ctx) {
    return string(ctx.STRING().getSymbol());
  }

  @Override
  public Expr visitRegex(VerityParser.RegexContext ctx) {
    String text = ctx.REGEX().getText();
    return new Expr.Regex(text.substring(3, text.length() - 1), spans.of(ctx));
  }

  @Override
  public Expr visitCall(VerityParser.CallContext ctx) {
    List<Expr.Arg> args = new ArrayList<>();
    for (VerityParser.ArgumentContext arg : ctx.args) {
      Optional<Name> name = Optional.ofNullable(arg.name).map(this::word);
      args.add(new Expr.Arg(name, expr(arg.value), spans.of(arg)));
    }
    return new Expr.Call(name(ctx.callee), List.copyOf(args), spans.of(ctx));
  }

  @Override
  public Expr visitReference(VerityParser.ReferenceContext ctx) {
    return new Expr.Ref(ctx.getText(), spans.of(ctx));
  }

  @Override
  public Expr visitParen(VerityParser.ParenContext ctx) {
    return expr(ctx.inner);
  }

  Expr.Num number(Token token) {
    return new Expr.Num(Double.parseDouble(token.getText()), token.getText(), spans.of(token));
  }

  /** A string literal with its escapes resolved: \" \\ \n \t; any other backslash is kept as written. */
  Expr.Str string(Token token) {
    String text = token.getText();
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() - 1) {
        char next = text.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case '"', '\\' -> out.append(next);
          default -> out.append('\\').append(next);
        }
      } else {
        out.append(c);
      }
    }
    return new Expr.Str(out.toString(), spans.of(token));
  }

  private static Expr.BinaryOp op(Token token) {
    switch (token.getType()) {
      case VerityParser.PLUS: return Expr.BinaryOp.ADD;
      case VerityParser.MINUS: return Expr.BinaryOp.SUB;
      case VerityParser.STAR: return Expr.BinaryOp.MUL;
      case VerityParser.SLASH: return Expr.BinaryOp.DIV;
      case VerityParser.EQ: return Expr.BinaryOp.EQ;
      case VerityParser.NE: return Expr.BinaryOp.NE;
      case VerityParser.LT: return Expr.BinaryOp.LT;
      case VerityParser.LE: return Expr.BinaryOp.LE;
      case VerityParser.GT: return Expr.BinaryOp.GT;
      case VerityParser.GE: return Expr.BinaryOp.GE;
      case VerityParser.AND: return Expr.BinaryOp.AND;
      case VerityParser.OR: return Expr.BinaryOp.OR;
      default: throw new IllegalStateException("operator token " + token.getText());
    }
  }
}
