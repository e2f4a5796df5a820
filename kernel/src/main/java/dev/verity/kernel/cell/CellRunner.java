package dev.verity.kernel.cell;

import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.magic.Magic;
import dev.verity.kernel.magic.MagicHandler;
import dev.verity.kernel.magic.Magics;
import dev.verity.kernel.magic.SplitCell;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one notebook cell without knowing Jupyter: magics first, in order, then the code. Whatever fails comes
 * out as a {@link CellError}; a bug (an unexpected Java exception or error) is logged with its stack and shown as
 * one line, as is a heap too full to run the cell, and the kernel goes on.
 */
public final class CellRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);

  private final CellEvaluator evaluator;
  private final MagicHandler magics;

  public CellRunner(CellEvaluator evaluator, MagicHandler magics) {
    this.evaluator = evaluator;
    this.magics = magics;
  }

  /**
   * Whether a cell holds only what the DSL reads as space: not {@link String#isBlank}, which also counts Unicode
   * spaces (an em space pasted from a web page) that the DSL refuses, so such a cell reaches the checker, which
   * names the character, as {@code verity check} does.
   */
  private static boolean onlySpace(String code) {
    return code.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n');
  }

  /** Runs {@code cell}, shown in the notebook as {@code In [executionCount]}. */
  public void run(String cell, int executionCount, CellOutput out) throws CellError {
    try {
      SplitCell split = Magics.split(cell, "cell[" + executionCount + "]"); // the label DSL errors give the cell
      for (SplitCell.Written written : split.written()) {
        if (written.magic() instanceof Magic.Help) {
          out.print(Magics.help());
        } else {
          try {
            magics.handle(written.magic(), out);
          } catch (CellError failure) {
            throw Magics.placed(written, failure);
          }
        }
      }
      if (!onlySpace(split.code())) {
        evaluator.evaluate(split.code(), executionCount, out);
      }
    } catch (OutOfMemoryError full) { // not a bug: a Java cell's variables may hold the heap
      LOG.error("a cell ran out of heap", full);
      String message = "the kernel ran out of Java heap (" + full.getMessage() + "): set the Java cells' variables"
          + " that hold much to null, or restart the kernel";
      throw new CellError("OutOfMemoryError", message, List.of(message));
    } catch (RuntimeException | Error bug) {
      LOG.error("a cell failed with an internal error", bug);
      throw CellError.internal(bug);
    }
  }
}
