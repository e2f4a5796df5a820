package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.engine.run.KeepCheckpoints;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.run.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during a headless run, pressed through the switch with the process's end caught. */
class StopSwitchTest {
  private static final String FIRST = "verity: stopping after the step in flight (Ctrl-C again to quit at once)";

  @TempDir Path dir;

  private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
  private final List<Integer> exits = new CopyOnWriteArrayList<>();
  private final StopSwitch stop = new StopSwitch(new PrintStream(shown, true, StandardCharsets.UTF_8), exits::add);

  private Recorder start() throws Exception {
    return Recorder.start(dir, "long", Clock.systemUTC(), Optional.of("task add = addition(digits: 1..2)\n"),
        RunSettings.of(1, 2, "cpu()"));
  }

  private List<String> lines() {
    return shown.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void aSecondPressEndsAtOnceWith130AndTheRunMarkedInterrupted() throws Exception {
    Recorder run = start();
    stop.arm();
    stop.recordingTo(run);
    stop.press();
    assertEquals(List.of(), exits, "the first press lets the step in flight finish");
    assertEquals(RunStatus.RUNNING, run.directory().manifest().status());

    stop.press();
    assertEquals(List.of(StopSwitch.ABORTED), exits);
    assertEquals(RunStatus.INTERRUPTED, run.directory().manifest().status(), "not running for ever");
    assertEquals(List.of(FIRST, "verity: stopped at once; run directory " + run.path() + " (status interrupted):"
        + " `verity run --resume " + run.path() + "` continues it"), lines());

    Recorder resumed = Recorder.resume(run.path(), 50, KeepCheckpoints.LATEST); // what that command does first
    assertEquals(RunStatus.RUNNING, resumed.directory().manifest().status());
    resumed.finish(RunStatus.INTERRUPTED);
  }

  @Test
  void aSecondPressBeforeTheRunDirectoryExistsOrAfterTheRunEndedMarksNothing() throws Exception {
    stop.arm(); // the engine is loading: no run directory yet
    stop.press();
    stop.press();
    assertEquals(List.of(StopSwitch.ABORTED), exits);
    assertEquals(List.of(FIRST, "verity: stopped at once; the run directory keeps what was written so far"), lines());

    Recorder run = start();
    stop.arm();
    stop.recordingTo(run);
    run.finish(RunStatus.DONE); // the run ended as the presses came: its status stands
    stop.press();
    stop.press();
    assertEquals(List.of(StopSwitch.ABORTED, StopSwitch.ABORTED), exits);
    assertEquals(RunStatus.DONE, run.directory().manifest().status());
    assertEquals("verity: stopped at once; the run directory keeps what was written so far",
        lines().get(lines().size() - 1));
  }
}
