package dev.verity.kernel.cli;

import dev.verity.dsl.exec.Session;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C. While a headless run is armed, the first press asks its session to stop after the step in flight (the
 * stage then checkpoints and the run ends as interrupted) and a second press ends the process at once. Unarmed
 * (checking a file, serving a kernel), a press ends the process at once, as Ctrl-C usually does.
 */
final class StopSwitch {
  /** Exit status after an immediate stop: the shell's convention for death by SIGINT (128 + 2). */
  static final int ABORTED = 130;

  /** The process's switch: {@link Verity#main} connects it to SIGINT. */
  static final StopSwitch PROCESS = new StopSwitch();

  private final AtomicInteger presses = new AtomicInteger();
  private volatile boolean armed;
  private volatile Session session;

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
      System.err.println("\nverity: stopped at once; the run directory keeps what was written so far");
      System.err.flush();
      Runtime.getRuntime().halt(ABORTED); // now means now: no shutdown hooks that could wait on the training thread
    }
    System.err.println("\nverity: stopping after the step in flight (Ctrl-C again to quit at once)");
    System.err.flush();
    renew();
  }
}
