package dev.verity.kernel.cli;

import dev.verity.dsl.exec.Session;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C for a headless run. The first press asks the running session to stop after the step in flight (the
 * stage then checkpoints and the run ends as interrupted); a second press ends the process at once.
 */
final class StopSwitch {
  /** Exit status after a second Ctrl-C: the shell's convention for death by SIGINT (128 + 2). */
  static final int ABORTED = 130;

  /** The process's switch: {@link Verity#main} connects it to SIGINT. */
  static final StopSwitch PROCESS = new StopSwitch();

  private final AtomicInteger presses = new AtomicInteger();
  private volatile Session session;

  /** Routes SIGINT here. A shell that started the JVM with SIGINT ignored keeps it ignored; nothing to do then. */
  void catchSigint() {
    Signal.handle(new Signal("INT"), signal -> press());
  }

  /** The session the next press stops; presses before it count as soon as it is attached. */
  void attach(Session running) {
    this.session = running;
    if (pressed()) {
      running.requestStop();
    }
  }

  void detach() {
    this.session = null;
  }

  boolean pressed() {
    return presses.get() > 0;
  }

  /**
   * Re-asks for the stop: the executor clears requests when a plan starts, so a press that came before (while the
   * engine was loading) is renewed at the next step.
   */
  void renew() {
    Session running = session;
    if (running != null && pressed()) {
      running.requestStop();
    }
  }

  void press() {
    if (presses.incrementAndGet() > 1) {
      System.err.println("\nverity: stopped at once; the run directory keeps what was written so far");
      System.err.flush();
      Runtime.getRuntime().halt(ABORTED); // a second Ctrl-C means now: no shutdown hooks that could hang
    }
    System.err.println("\nverity: stopping after the step in flight (Ctrl-C again to quit at once)");
    System.err.flush();
    Session running = session;
    if (running != null) {
      running.requestStop();
    }
  }
}
