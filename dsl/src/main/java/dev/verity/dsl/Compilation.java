package dev.verity.dsl;

import dev.verity.dsl.diag.Diagnostics;
import dev.verity.dsl.plan.Plan;
import java.util.Optional;

/**
 * The outcome of compiling one cell or file: the plan (absent when there is any error), the diagnostics (errors),
 * the environment after the cell (unchanged when there were errors: nothing runs, nothing is bound), and the
 * warnings: settings that run but cannot learn, which do not stop it.
 */
public record Compilation(Optional<Plan> plan, Diagnostics diagnostics, Environment environment,
    Diagnostics warnings) {

  /** Without warnings. */
  public Compilation(Optional<Plan> plan, Diagnostics diagnostics, Environment environment) {
    this(plan, diagnostics, environment, Diagnostics.NONE);
  }

  public boolean ok() {
    return plan.isPresent();
  }
}
