package dev.verity.dsl.parse;

import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Program;
import dev.verity.dsl.diag.Reporter;
import dev.verity.grammar.VerityLexer;
import dev.verity.grammar.VerityParser;
import java.util.Optional;
import java.util.function.Function;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Stage 1, text → AST: runs the generated lexer and parser with ANTLR's console listeners removed, reports
 * syntax errors to the reporter, and builds the AST only when there were none.
 */
public final class Parsing {
  private Parsing() {}

  /**
   * A file's text without the byte-order mark some editors (Notepad) write at its start: it says only that the
   * file is UTF-8, so dropping it changes nothing the user wrote, and keeps line 1's columns right.
   */
  public static String withoutBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** A whole cell or file; empty when it has syntax errors (they are in the reporter). */
  public static Optional<Program> program(String source, String file, Reporter reporter) {
    return parse(source, file, reporter, VerityParser::program)
        .map(tree -> new StatementBuilder(file, source).program((VerityParser.ProgramContext) tree));
  }

  /** One value alone, such as a built-in's default {@code 20} or {@code cosine(1e-3 -> 1e-4)}. */
  public static Optional<Expr> expression(String source, String file, Reporter reporter) {
    return parse(source, file, reporter, VerityParser::singleExpression)
        .map(tree -> new ExprBuilder(file).expr(((VerityParser.SingleExpressionContext) tree).expr()));
  }

  /**
   * An override's value: an expression, or what a block's setting takes after its colon, {@code add_test with
   * greedy every 25} (an {@link Expr.With}, which the checker refuses wherever a setting does not take one).
   */
  public static Optional<Expr> overrideValue(String source, String file, Reporter reporter) {
    return parse(source, file, reporter, VerityParser::overrideValue).map(tree -> {
      VerityParser.OverrideValueContext ctx = (VerityParser.OverrideValueContext) tree;
      ExprBuilder exprs = new ExprBuilder(file);
      Expr value = exprs.expr(ctx.value);
      if (ctx.sampling == null && ctx.every == null) {
        return value;
      }
      Optional<Expr> sampling = Optional.ofNullable(ctx.sampling).map(exprs::expr);
      Optional<Expr> every = Optional.ofNullable(ctx.every).map(exprs::expr);
      Expr last = every.or(() -> sampling).orElseThrow();
      return new Expr.With(value, sampling, every, value.span().to(last.span()));
    });
  }

  /** The token stream of a source, for editor assistance; never fails. */
  public static VerityLexer lexer(String source) {
    VerityLexer lexer = new VerityLexer(CharStreams.fromString(source));
    lexer.removeErrorListeners(); // the grammar has a catch-all token, but never print regardless
    return lexer;
  }

  private static Optional<ParserRuleContext> parse(
      String source, String file, Reporter reporter, Function<VerityParser, ParserRuleContext> start) {
    CommonTokenStream tokens = new CommonTokenStream(lexer(source));
    tokens.fill();
    Optional<Token> tooDeep = NestingLimit.firstTooDeep(tokens.getTokens());
    if (tooDeep.isPresent()) {
      reporter.error(new Spans(file).of(tooDeep.get()), NestingLimit.message());
      return Optional.empty();
    }
    VerityParser parser = new VerityParser(tokens);
    parser.removeErrorListeners();
    SyntaxErrors errors = new SyntaxErrors(reporter, file);
    parser.addErrorListener(errors);
    ParserRuleContext tree;
    try {
      tree = start.apply(parser);
    } catch (SyntaxErrors.TooMany enough) {
      return Optional.empty(); // the first errors are reported; the rest of the source is not read
    }
    return errors.reported() == 0 ? Optional.of(tree) : Optional.empty();
  }
}
