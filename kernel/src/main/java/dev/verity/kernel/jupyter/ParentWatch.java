package dev.verity.kernel.jupyter;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the kernel when the Jupyter process that started it dies ({@code JPY_PARENT_PID}), so a crashed client
 * leaves no kernel behind holding a model in memory. Checks once a second; a reused PID is told apart by the
 * process start time. When that process is the kernel's own parent, being handed to another parent also counts:
 * that happens the moment the parent dies, before anyone has reaped it.
 */
public final class ParentWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ParentWatch.class);
  private static final long PERIOD_MS = 1000;

  private ParentWatch() {}

  /** Runs {@code onParentExit} once, when the process named by {@code parentPid} (may be null) is gone. */
  public static void watch(String parentPid, Runnable onParentExit) {
    if (parentPid == null || parentPid.isBlank()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(parentPid.strip());
    } catch (NumberFormatException e) {
      LOG.warn("JPY_PARENT_PID is not a process id: '{}'; not watching the parent", parentPid);
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(pid);
    if (parent.isEmpty()) {
      LOG.warn("parent process {} is already gone", pid);
      onParentExit.run();
      return;
    }
    Optional<Instant> started = parent.get().info().startInstant();
    boolean ownParent = currentParent() == pid;
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "verity-parent-watch");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleAtFixedRate(() -> {
      if (!alive(pid, started) || (ownParent && currentParent() != pid)) {
        LOG.info("parent process {} is gone; shutting down", pid);
        timer.shutdown();
        onParentExit.run();
      }
    }, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  private static long currentParent() {
    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
  }

  private static boolean alive(long pid, Optional<Instant> started) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> started.isEmpty() || h.info().startInstant().equals(started))
        .isPresent();
  }
}
