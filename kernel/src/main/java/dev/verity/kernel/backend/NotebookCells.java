package dev.verity.kernel.backend;

import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.Completions;
import dev.verity.kernel.cell.HelpText;
import dev.verity.kernel.cell.IsComplete;
import dev.verity.kernel.jshell.JavaCells;
import java.util.Optional;

/**
 * A notebook's two languages: a cell whose first line is {@code %%java} is Java, run by {@link JavaCells}; any
 * other cell is Verity DSL. Editor help follows the cell's language.
 */
final class NotebookCells implements CellEvaluator {
  private final DslEvaluator dsl;
  private final JavaCells java;

  NotebookCells(DslEvaluator dsl, JavaCells java) {
    this.dsl = dsl;
    this.java = java;
  }

  @Override
  public void evaluate(String code, CellOutput out) throws CellError {
    if (JavaCells.isJava(code)) {
      java.evaluate(MagicLines.blank(code), out);
    } else {
      dsl.evaluate(code, out);
    }
  }

  @Override
  public void evaluate(String code, int executionCount, CellOutput out) throws CellError {
    if (JavaCells.isJava(code)) {
      java.evaluate(MagicLines.blank(code), executionCount, out);
    } else {
      dsl.evaluate(code, executionCount, out);
    }
  }

  @Override
  public void interrupt() {
    dsl.interrupt();
    java.interrupt();
  }

  @Override
  public Completions complete(String code, int cursor) {
    if (!JavaCells.isJava(code)) {
      return dsl.complete(code, cursor);
    }
    return MagicLines.isMagicLine(code, cursor) ? Completions.none(cursor)
        : java.complete(MagicLines.blank(code), cursor);
  }

  @Override
  public Optional<HelpText> inspect(String code, int cursor) {
    if (!JavaCells.isJava(code)) {
      return dsl.inspect(code, cursor);
    }
    return MagicLines.isMagicLine(code, cursor) ? Optional.empty() : java.inspect(MagicLines.blank(code), cursor);
  }

  @Override
  public IsComplete isComplete(String code) {
    return JavaCells.isJava(code) ? java.isComplete(MagicLines.blank(code)) : dsl.isComplete(code);
  }

  @Override
  public void close() {
    try {
      java.close();
    } finally {
      dsl.close();
    }
  }
}
