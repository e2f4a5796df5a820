package dev.verity.kernel.sweep;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's tasks on this machine: a pool of {@code jobs} child processes, each run in a JVM of its own (DJL
 * trains on one thread per JVM), its output appended to {@code logs/<id>.log} and its exit status left in {@code
 * status/<id>.exit}. A run that fails does not stop the others. {@link #stop} is Ctrl-C for all of them: no new
 * run starts, and each running one gets SIGINT, so it stops after its step in flight and checkpoints; a second
 * stop sends a second SIGINT, which ends each at once.
 *
 * <p>Each child gets a session of its own ({@code setsid}), so a Ctrl-C at the terminal reaches the sweep alone
 * and the sweep passes it on exactly once per press; and SIGINT's default handling back ({@code env
 * --default-signal=INT}), since a sweep started in the background of a script ignores SIGINT, and its children
 * would inherit that and could not be stopped.
 */
final class LocalExecutor {
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path ENV = Path.of("/usr/bin/env");

  private final Sweep sweep;
  private final VerityCommand verity;
  private final int jobs;
  private final RunListener listener;
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final AtomicInteger stops = new AtomicInteger();

  LocalExecutor(Sweep sweep, VerityCommand verity, int jobs, RunListener listener) {
    this.sweep = sweep;
    this.verity = verity;
    this.jobs = jobs;
    this.listener = listener;
  }

  /**
   * Runs every task, at most {@code jobs} at once; returns once each has ended, or was skipped after a stop.
   * Calls {@code tick} about once a second meanwhile, on this thread (a live table).
   */
  void run(List<RunLaunch> tasks, Runnable tick) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, tasks.size())), r -> {
      Thread t = new Thread(r, "sweep-run");
      t.setDaemon(true);
      return t;
    });
    // a sweep ended by SIGTERM (or the kernel's shutdown) asks its runs to stop as a Ctrl-C does
    Thread hook = new Thread(this::stop, "sweep-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      for (RunLaunch task : tasks) {
        pool.submit(() -> runOne(task));
      }
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        tick.run();
      }
    } catch (InterruptedException e) {
      stop();
      throw e;
    } finally {
      pool.shutdownNow();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  /** Asks every run to stop (see the class comment); safe from any thread, e.g. a signal handler. */
  void stop() {
    stops.incrementAndGet();
    for (Process p : running.values()) {
      interrupt(p);
    }
  }

  boolean stopped() {
    return stops.get() > 0;
  }

  private void runOne(RunLaunch task) {
    if (stopped()) {
      return; // stays pending: `sweep --resume` starts it
    }
    String id = task.id();
    try {
      Files.deleteIfExists(sweep.exitFile(id));
      List<String> line = new ArrayList<>();
      if (Files.isExecutable(SETSID)) {
        line.add(SETSID.toString());
      }
      if (Files.isExecutable(ENV)) {
        line.addAll(List.of(ENV.toString(), "--default-signal=INT"));
      }
      line.addAll(verity.line(task.args()));
      ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
          .redirectOutput(Redirect.appendTo(sweep.log(id).toFile())).redirectInput(Redirect.from(devNull()));
      builder.environment().putAll(verity.environment());
      sweep.update(id, r -> r.withStatus(RunState.RUNNING));
      listener.started(id);
      Process process = builder.start();
      running.put(id, process);
      sweep.update(id, r -> r.startedAs(process.pid()));
      if (stopped()) { // a stop that came while it started
        interrupt(process);
      }
      int code = process.waitFor();
      running.remove(id);
      Files.writeString(sweep.exitFile(id), code + "\n");
      sweep.noteRunDir(id);
      RunState state = RunState.ended(code, sweep.manifestStatus(id));
      RunEntry ended = sweep.update(id, r -> r.ended(state, code, state == RunState.FAILED
          ? RunState.failure(code) + "; see " + sweep.path().relativize(sweep.log(id)) : null));
      listener.ended(ended);
    } catch (IOException e) {
      RunEntry failed = sweep.update(id, r -> r.failed("could not start: " + e.getMessage()));
      listener.ended(failed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.io.File devNull() {
    return new java.io.File("/dev/null");
  }

  /** SIGINT, as Ctrl-C at a terminal sends: the run stops after its step in flight and checkpoints. */
  private static void interrupt(Process process) {
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).redirectErrorStream(true)
          .redirectOutput(Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      process.destroy(); // no kill command: SIGTERM ends it, and its last checkpoint still resumes
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
