package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Program;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.ast.Stmt;
import dev.verity.dsl.diag.Diagnostic;
import dev.verity.dsl.diag.Reporter;
import dev.verity.dsl.parse.Parsing;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first arrow alone: text → AST, with places; and how a diagnostic renders. */
class ParsingTest {
  private static Program parse(String source) {
    Reporter reporter = new Reporter().source("t", source);
    Optional<Program> program = Parsing.program(source, "t", reporter);
    assertTrue(program.isPresent(), () -> reporter.diagnostics().render());
    return program.get();
  }

  private static Expr value(String source) {
    return ((Stmt.Declare) parse("reward r = " + source).statements().get(0)).value();
  }

  @Test
  void rawRegexesKeepBackslashes() {
    Expr.Call call = (Expr.Call) value("format(re\"^\\d+(\\.\\d+)?$\")");
    assertEquals("^\\d+(\\.\\d+)?$", ((Expr.Regex) call.args().get(0).value()).pattern());
  }

  @Test
  void stringsResolveTheirEscapes() {
    Stmt.Save save = (Stmt.Save) parse("save p to \"a\\\"b\\\\c\"").statements().get(0);
    assertEquals("a\"b\\c", save.path().value());
  }

  @Test
  void numbersRangesAndArrows() {
    assertEquals(1e-3, ((Expr.Num) value("1e-3")).value());
    assertEquals(0.8, ((Expr.Num) value("0.8")).value());
    Expr.Range range = (Expr.Range) value("2..6");
    assertEquals(2, range.low().value());
    assertEquals(6, range.high().value());
    Expr.Arrow levels = (Expr.Arrow) value("2..3 -> 2..6");
    assertInstanceOf(Expr.Range.class, levels.from());
    Expr.Arrow rate = (Expr.Arrow) value("1e-3 -> 1e-4");
    assertEquals(1e-4, ((Expr.Num) rate.to()).value());
  }

  @Test
  void precedenceOfArithmetic() {
    Expr.Binary sum = (Expr.Binary) value("correct + 0.1 * len");
    assertEquals(Expr.BinaryOp.ADD, sum.op());
    assertEquals(Expr.BinaryOp.MUL, ((Expr.Binary) sum.right()).op());
  }

  @Test
  void blocksTakeKeywordsAsKeysAndWithClauses() {
    Stmt.Stage rl = (Stmt.Stage) parse("rl run: p on t {\n  reward: r  # comment\n  eval: t2 with g every 25\n}")
        .statements().get(0);
    assertEquals("run", rl.label().orElseThrow().text());
    assertEquals("reward", rl.block().settings().get(0).key().text());
    Expr.With with = (Expr.With) rl.block().settings().get(1).value();
    assertEquals("t2", ((Expr.Ref) with.task()).name());
    assertEquals(25, ((Expr.Num) with.every().orElseThrow()).value());
  }

  @Test
  void spansAreOneBasedWithExclusiveEnds() {
    Stmt.Declare d = (Stmt.Declare) parse("\ntask  add = addition()").statements().get(0);
    assertEquals(new Span("t", 2, 7, 2, 10), d.name().span());
    assertEquals(new Span("t", 2, 1, 2, 23), d.span());
  }

  @Test
  void aDiagnosticRendersItsLineAndCarets() {
    Diagnostic d = new Diagnostic(new Span("f.verity", 1, 4, 1, 7), "unknown task 'abc'", "\tx abc y");
    assertEquals("f.verity:1:4: error: unknown task 'abc'\n  \tx abc y\n  \t  ^^^", d.render());
  }
}
