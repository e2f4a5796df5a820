package dev.verity.kernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.engine.run.RunStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a sweep's run ended, from its exit status and its manifest: done only with a manifest that says so. */
class RunStateTest {
  @Test
  void exitZeroIsDoneOnlyWithAManifestSayingDone() {
    assertEquals(RunState.DONE, RunState.ended(0, Optional.of(RunStatus.DONE)));
    assertEquals(RunState.FAILED, RunState.ended(0, Optional.empty()), "no run directory to summarise");
    assertEquals("its process exited 0 but left no finished run directory (no manifest.json saying done)",
        RunState.failure(0));
    assertEquals(RunState.INTERRUPTED, RunState.ended(1, Optional.of(RunStatus.INTERRUPTED)));
    assertEquals(RunState.INTERRUPTED, RunState.ended(RunState.ABORTED, Optional.empty()));
    assertEquals(RunState.FAILED, RunState.ended(1, Optional.of(RunStatus.FAILED)));
    assertEquals("exit status 1", RunState.failure(1));
  }
}
