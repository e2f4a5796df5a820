package dev.verity.dsl.parse;

import dev.verity.dsl.ast.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Spans of tokens and parse-tree nodes, 1-based. */
final class Spans {
  private final String file;

  Spans(String file) {
    this.file = file;
  }

  Span of(Token token) {
    int column = token.getCharPositionInLine() + 1;
    return new Span(file, token.getLine(), column, token.getLine(), column + Math.max(1, length(token)));
  }

  Span of(ParserRuleContext ctx) {
    Token stop = ctx.getStop() != null && ctx.getStop().getTokenIndex() >= ctx.getStart().getTokenIndex()
        ? ctx.getStop()
        : ctx.getStart();
    return of(ctx.getStart()).to(of(stop));
  }

  private static int length(Token token) {
    String text = token.getText();
    return text == null ? 0 : text.codePointCount(0, text.length());
  }
}
