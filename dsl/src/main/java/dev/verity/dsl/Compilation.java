package dev.verity.dsl;

import dev.verity.dsl.diag.Diagnostics;
import dev.verity.dsl.plan.Plan;
import java.util.Optional;

/**
 * The outcome of compiling one cell or file: the plan (absent when there is any error), the diagnostics, and the
 * environment after the cell (unchanged when there were errors: nothing runs, nothing is bound).
 */
public record Compilation(Optional<Plan> plan, Diagnostics diagnostics, Environment environment) {

  public boolean ok() {
    return plan.isPresent();
  }
}
