package dev.verity.dsl.exec;

import dev.verity.dsl.diag.Diagnostics;
import java.util.List;

/**
 * How running a cell or file ended: everything ran; it had errors and nothing ran; a statement failed at run
 * time (outputs before it stand); or a stop request ended it (outputs before it stand, the stage in flight
 * checkpointed and kept its weights).
 */
public sealed interface Outcome permits Outcome.Done, Outcome.Rejected, Outcome.Failed, Outcome.Stopped {
  List<Object> outputs();

  record Done(List<Object> outputs) implements Outcome {}

  /** The checker found errors: nothing ran. */
  record Rejected(Diagnostics diagnostics) implements Outcome {
    @Override
    public List<Object> outputs() {
      return List.of();
    }
  }

  /** A statement failed while running; {@code diagnostics} names its place. */
  record Failed(Diagnostics diagnostics, List<Object> outputs) implements Outcome {}

  record Stopped(Interrupted interruption, List<Object> outputs) implements Outcome {}
}
