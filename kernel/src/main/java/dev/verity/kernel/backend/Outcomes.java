package dev.verity.kernel.backend;

import dev.verity.dsl.diag.Diagnostics;
import dev.verity.dsl.exec.Interrupted;
import dev.verity.dsl.exec.Outcome;
import dev.verity.kernel.cell.CellError;
import java.util.List;

/** How a cell's {@link Outcome} ends it in the notebook: normally, or with an error output the user can act on. */
final class Outcomes {
  private Outcomes() {}

  /** Returns for a cell that ran to its end; throws the error to show otherwise. */
  static void check(Outcome outcome) throws CellError {
    if (outcome instanceof Outcome.Rejected r) {
      throw diagnostics(r.diagnostics());
    } else if (outcome instanceof Outcome.Failed f) {
      throw diagnostics(f.diagnostics());
    } else if (outcome instanceof Outcome.Stopped s) {
      throw interrupted(s.interruption());
    }
  }

  /** The first diagnostic's headline as the message; every diagnostic, with source line and carets, below. */
  static CellError diagnostics(Diagnostics diagnostics) {
    String message = diagnostics.list().get(0).headline();
    if (diagnostics.size() > 1) {
      message += " (and " + (diagnostics.size() - 1) + " more)";
    }
    return CellError.diagnostic(message, List.of(diagnostics.render().split("\n", -1)));
  }

  /** A stage stopped by the user: an error output, so a notebook shows the cell did not finish. */
  static CellError interrupted(Interrupted stop) {
    String message = stop.stage().isEmpty()
        ? "interrupted before the statement at line " + stop.line() + ": the statements before it ran, the rest of"
            + " the cell did not"
        : "interrupted after step " + stop.stepsDone() + " of " + stop.steps() + " (stage " + stop.stage()
            + "); the model keeps its weights, the rest of the cell did not run";
    return new CellError("Interrupted", message, List.of(message));
  }
}
