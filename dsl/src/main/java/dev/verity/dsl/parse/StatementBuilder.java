package dev.verity.dsl.parse;

import dev.verity.dsl.ast.Block;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Program;
import dev.verity.dsl.ast.Stmt;
import dev.verity.grammar.VerityBaseVisitor;
import dev.verity.grammar.VerityParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/** Parse tree → {@link Stmt}: one method per labelled alternative of {@code statement}. */
final class StatementBuilder extends VerityBaseVisitor<Stmt> {
  private final ExprBuilder exprs;

  StatementBuilder(String file, String source) {
    this.exprs = new ExprBuilder(file);
  }

  Program program(VerityParser.ProgramContext ctx) {
    List<Stmt> statements = new ArrayList<>();
    for (VerityParser.StatementContext statement : ctx.statement()) {
      statements.add(visit(statement));
    }
    return new Program(statements);
  }

  @Override
  public Stmt visitExperimentStmt(VerityParser.ExperimentStmtContext ctx) {
    return new Stmt.Experiment(exprs.string(ctx.name), optional(ctx.seed), exprs.span(ctx));
  }

  @Override
  public Stmt visitDeclareStmt(VerityParser.DeclareStmtContext ctx) {
    Stmt.DeclKind kind = switch (ctx.kind.getType()) {
      case VerityParser.TASK -> Stmt.DeclKind.TASK;
      case VerityParser.MODEL -> Stmt.DeclKind.MODEL;
      case VerityParser.REWARD -> Stmt.DeclKind.REWARD;
      default -> Stmt.DeclKind.SAMPLING;
    };
    return new Stmt.Declare(kind, exprs.name(ctx.name), exprs.expr(ctx.value), exprs.span(ctx));
  }

  @Override
  public Stmt visitCheckStmt(VerityParser.CheckStmtContext ctx) {
    String text = ctx.value.getStart().getInputStream()
        .getText(Interval.of(ctx.value.getStart().getStartIndex(), ctx.value.getStop().getStopIndex()));
    return new Stmt.Check(exprs.expr(ctx.value), text, exprs.span(ctx));
  }

  @Override
  public Stmt visitStageStmt(VerityParser.StageStmtContext ctx) {
    Stmt.StageKind kind = ctx.kind.getType() == VerityParser.SFT ? Stmt.StageKind.SFT : Stmt.StageKind.RL;
    return new Stmt.Stage(
        kind, label(ctx.first, ctx.second), model(ctx.first, ctx.second), exprs.name(ctx.task), block(ctx.body),
        exprs.span(ctx));
  }

  @Override
  public Stmt visitEvalStmt(VerityParser.EvalStmtContext ctx) {
    return new Stmt.Eval(
        label(ctx.first, ctx.second),
        model(ctx.first, ctx.second),
        exprs.name(ctx.task),
        optional(ctx.sampling),
        Optional.ofNullable(ctx.body).map(this::block),
        exprs.span(ctx));
  }

  @Override
  public Stmt visitPlotStmt(VerityParser.PlotStmtContext ctx) {
    return new Stmt.Plot(names(ctx.metrics), exprs.name(ctx.axis), names(ctx.sources), exprs.span(ctx));
  }

  @Override
  public Stmt visitTableStmt(VerityParser.TableStmtContext ctx) {
    return new Stmt.Table(exprs.expr(ctx.source), names(ctx.sources), exprs.span(ctx));
  }

  @Override
  public Stmt visitSaveStmt(VerityParser.SaveStmtContext ctx) {
    return new Stmt.Save(exprs.name(ctx.model), exprs.string(ctx.path), exprs.span(ctx));
  }

  @Override
  public Stmt visitLoadStmt(VerityParser.LoadStmtContext ctx) {
    return new Stmt.Load(exprs.name(ctx.model), exprs.string(ctx.path), exprs.span(ctx));
  }

  private Block block(VerityParser.BlockContext ctx) {
    List<Block.Setting> settings = new ArrayList<>();
    for (VerityParser.SettingContext setting : ctx.settings) {
      Expr value = exprs.expr(setting.value);
      if (setting.sampling != null || setting.every != null) {
        value = new Expr.With(value, optional(setting.sampling), optional(setting.every), exprs.span(setting));
      }
      settings.add(new Block.Setting(exprs.word(setting.key), value, exprs.span(setting)));
    }
    return new Block(settings, exprs.span(ctx));
  }

  /** {@code LABEL: MODEL on …} has a label, {@code MODEL on …} none. */
  private Optional<Name> label(Token first, Token second) {
    return second == null ? Optional.empty() : Optional.of(exprs.name(first));
  }

  private Name model(Token first, Token second) {
    return exprs.name(second == null ? first : second);
  }

  private Optional<Expr> optional(VerityParser.ExprContext ctx) {
    return Optional.ofNullable(ctx).map(exprs::expr);
  }

  private List<Name> names(VerityParser.NameListContext ctx) {
    return ctx == null ? List.of() : ctx.names.stream().map(exprs::name).toList();
  }
}
