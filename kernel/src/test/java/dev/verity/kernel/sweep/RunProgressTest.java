package dev.verity.kernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunProgressTest {
  @TempDir Path dir;

  private Sweep sweepWith(RunEntry run) throws Exception {
    SweepRecord record = new SweepRecord("exp", "exp.verity", "0", List.of("verity", "sweep", "exp.verity"),
        "2026-12-04T20:00:00Z", new Grid(List.of(1L), List.of()),
        new SweepRecord.Executor(SweepRecord.Executor.LOCAL, 1, 1, null, null, null, null, null), List.of(run),
        List.of());
    return Sweep.create(dir, record, "experiment \"exp\" seed 1\n", Clock.systemUTC());
  }

  private static RunEntry running(long pid) {
    return new RunEntry("seed1", "default", 1L, List.of("seed=1"), RunState.PENDING, null, null, null, null, null,
        null).startedAs(pid);
  }

  @Test
  void aLocalRunWhoseProcessIsGoneIsShownInterruptedNotRunning() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    RunProgress progress = RunProgress.of(sweepWith(running(ended.pid())), running(ended.pid()));
    assertEquals(RunState.INTERRUPTED, progress.status());
    assertTrue(progress.message().contains("verity sweep --resume"), progress.message());
  }

  @Test
  void aLocalRunWhoseProcessLivesIsRunning() throws Exception {
    long self = ProcessHandle.current().pid();
    assertEquals(RunState.RUNNING, RunProgress.of(sweepWith(running(self)), running(self)).status());
  }
}
