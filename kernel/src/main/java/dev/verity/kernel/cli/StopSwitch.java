package dev.verity.kernel.cli;

import dev.verity.dsl.exec.Session;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RunStatus;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * Ctrl-C. While a headless run is armed, the first press asks its session to stop after the step in flight (the
 * stage then checkpoints and the run ends as interrupted) and a second press ends the process at once, exit status
 * {@value #ABORTED}, its run marked interrupted. Unarmed (checking a file, serving a kernel), a press ends the
 * process at once, as Ctrl-C usually does.
 */
final class StopSwitch {
  /** Exit status after an immediate stop: the shell's convention for death by SIGINT (128 + 2). */
  static final int ABORTED = 130;

  /** The process's switch: {@link Verity#main} connects it to SIGINT. */
  static final StopSwitch PROCESS = new StopSwitch(System.err, Runtime.getRuntime()::halt);

  /** How long a second press waits for the manifest to say interrupted: "at once" must not hang on a slow disk. */
  private static final long MARK_WAIT_MS = 2000;

  private final AtomicInteger presses = new AtomicInteger();
  private final PrintStream err;
  private final IntConsumer halt;
  private volatile boolean armed;
  private volatile Session session;
  private volatile Recorder run;

  /** A switch that tells the user on {@code err} and ends the process with {@code halt} (tests pass their own). */
  StopSwitch(PrintStream err, IntConsumer halt) {
    this.err = err;
    this.halt = halt;
  }

  /**
   * Routes SIGINT here. A JVM started with SIGINT ignored (a background job of a script) keeps ignoring it, and
   * one started with {@code -Xrs} refuses the handler: Ctrl-C then behaves as it would without Verity.
   */
  void catchSigint() {
    try {
      Signal.handle(new Signal("INT"), signal -> press());
    } catch (IllegalArgumentException refused) {
      // the JVM keeps SIGINT for itself; leave it be
    }
  }

  /** A run begins: presses from now on stop it gracefully. */
  void arm() {
    presses.set(0);
    armed = true;
  }

  void disarm() {
    armed = false;
    session = null;
    run = null;
  }

  /** The run directory being written, once it exists: a second press marks it interrupted. */
  void recordingTo(Recorder recorder) {
    this.run = recorder;
  }

  /** The session a press stops, once it runs; a press before that is kept and stops it at once. */
  void attach(Session running) {
    this.session = running;
    renew();
  }

  boolean pressed() {
    return presses.get() > 0;
  }

  /**
   * Asks again for a stop already pressed for: the executor clears requests when a plan starts, so a press that
   * came just before would otherwise be lost. Called at every step.
   */
  void renew() {
    Session running = session;
    if (running != null && pressed()) {
      running.requestStop();
    }
  }

  void press() {
    if (!armed) {
      System.exit(ABORTED); // what the JVM does on SIGINT without a handler
    }
    if (presses.incrementAndGet() > 1) {
      err.println("\nverity: stopped at once; " + markInterrupted());
      err.flush();
      halt.accept(ABORTED); // now means now: no shutdown hooks that could wait on the training thread
      return;
    }
    err.println("\nverity: stopping after the step in flight (Ctrl-C again to quit at once)");
    err.flush();
    renew();
  }

  /**
   * Marks the run interrupted, so its manifest does not say running for ever; a resume mends what the stop cut off
   * mid-step as it does after a kill, and continues from the stage's last checkpoint. The manifest's writes are
   * serialised and atomic (temp file, then rename), so this cannot tear one the training thread makes; it runs on
   * its own thread so that a disk that hangs costs at most {@link #MARK_WAIT_MS}. Returns what to tell the user.
   */
  private String markInterrupted() {
    Recorder recording = run;
    String kept = "the run directory keeps what was written so far";
    if (recording == null) {
      return kept; // no run directory yet (the engine was loading), or the run has ended
    }
    String resume = "`verity run --resume " + recording.path() + "` continues it";
    FutureTask<Void> mark = new FutureTask<>(() -> {
      recording.finish(RunStatus.INTERRUPTED);
      return null;
    });
    Thread writer = new Thread(mark, "verity-mark-interrupted");
    writer.setDaemon(true);
    writer.start();
    try {
      mark.get(MARK_WAIT_MS, TimeUnit.MILLISECONDS);
      return "run directory " + recording.path() + " (status interrupted): " + resume;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IllegalStateException) {
        return kept; // the run had ended (done, failed, interrupted) as the press came: its manifest says so
      }
      return kept + " (its manifest still says running: " + e.getCause().getMessage() + "): " + resume;
    } catch (TimeoutException e) {
      return kept + " (its manifest still says running: the disk did not take the write in "
          + MARK_WAIT_MS / 1000 + " s): " + resume;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return kept;
    }
  }
}
