package dev.verity.kernel.faults;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A test-only Java agent ({@code JAVA_TOOL_OPTIONS=-javaagent:killswitch.jar=ARGS}) that SIGKILLs an unmodified
 * {@code bin/verity} process inside a chosen phase of its work: once the run directory's metrics.csv holds {@code
 * rows} rows, a daemon thread samples the main thread's stack every ten microseconds or so and, on the {@code
 * skip + 1}-th sample inside the phase, prints where it is and sends SIGKILL to its own process. Nothing of it is
 * in the user's path: the agent is built from the test classes by {@link AgentJar}.
 *
 * <p>ARGS: {@code phase=RL_UPDATE,rows=30,skip=2,dir=PATH}, where PATH is the run directory, or the folder a new
 * run directory will appear in.
 */
public final class KillSwitch {
  /** What the agent prints on stderr just before the kill: {@code verity-kill: PHASE after N rows: frames}. */
  public static final String REPORT = "verity-kill: ";
  private static final long SAMPLE_NANOS = 10_000;

  /** A kind of moment, told by the frames on the main thread's stack (all of them must be there). */
  public enum Phase {
    SFT_STEP("dev.verity.engine.sft.SftTrainer.step"),
    RL_SAMPLING("dev.verity.engine.rl.RlTrainer.step", "dev.verity.engine.sample.Sampler.generate"),
    RL_UPDATE("dev.verity.engine.rl.RlTrainer.train"),
    EVAL("dev.verity.engine.eval.Evaluator.evaluate"),
    CHECKPOINT_WRITE("dev.verity.engine.train.Trainer.saveCheckpoint"),
    CHECKPOINT_PRUNE("dev.verity.engine.run.CheckpointFiles.prune");

    private final List<String> frames;

    Phase(String... frames) {
      this.frames = List.of(frames);
    }

    boolean on(StackTraceElement[] stack) {
      int found = 0;
      for (String frame : frames) {
        for (StackTraceElement e : stack) {
          if (frame.endsWith(e.getMethodName()) && frame.equals(e.getClassName() + "." + e.getMethodName())) {
            found++;
            break;
          }
        }
      }
      return found == frames.size();
    }
  }

  /** The C library's kill(2): SIGKILL at once, from inside the process. */
  public interface C extends Library {
    int kill(int pid, int signal);
  }

  private KillSwitch() {}

  public static void premain(String args) {
    Map<String, String> options = new HashMap<>();
    for (String pair : args.split(",")) {
      int eq = pair.indexOf('=');
      options.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    Phase phase = Phase.valueOf(options.get("phase"));
    int rows = Integer.parseInt(options.get("rows"));
    int skip = Integer.parseInt(options.get("skip"));
    Path dir = Path.of(options.get("dir"));
    Thread main = Thread.currentThread(); // premain runs on the thread that then runs main
    Thread watcher = new Thread(() -> watch(main, phase, rows, skip, dir), "verity-kill-switch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void watch(Thread main, Phase phase, int rows, int skip, Path dir) {
    C c = Native.load("c", C.class);
    while (recordedRows(dir) < rows) {
      if (!main.isAlive()) {
        return;
      }
      LockSupport.parkNanos(2_000_000);
    }
    int inside = 0;
    while (main.isAlive()) {
      StackTraceElement[] stack = main.getStackTrace();
      if (phase.on(stack) && ++inside > skip) {
        System.err.println(REPORT + phase + " after " + recordedRows(dir) + " rows: " + where(stack));
        System.err.flush();
        c.kill((int) ProcessHandle.current().pid(), 9);
      }
      LockSupport.parkNanos(SAMPLE_NANOS);
    }
  }

  /** The innermost frames, up to the first of Verity's own and a few more. */
  private static String where(StackTraceElement[] stack) {
    List<String> frames = new ArrayList<>();
    int verity = 0;
    for (StackTraceElement e : stack) {
      String name = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName();
      frames.add(name);
      if (e.getClassName().startsWith("dev.verity") && ++verity == 4) {
        break;
      }
    }
    return String.join(" < ", frames.subList(Math.max(0, frames.size() - 8), frames.size()));
  }

  /** Rows in the run's metrics.csv (header aside); {@code dir} is the run directory or the folder it goes in. */
  static int recordedRows(Path dir) {
    Optional<Path> metrics = metricsFile(dir);
    if (metrics.isEmpty()) {
      return 0;
    }
    try {
      byte[] bytes = Files.readAllBytes(metrics.get());
      int lines = 0;
      for (byte b : bytes) {
        lines += b == '\n' ? 1 : 0;
      }
      return Math.max(0, lines - 1);
    } catch (IOException e) {
      return 0;
    }
  }

  private static Optional<Path> metricsFile(Path dir) {
    if (Files.isRegularFile(dir.resolve("metrics.csv"))) {
      return Optional.of(dir.resolve("metrics.csv"));
    }
    try (Stream<Path> runs = Files.list(dir)) {
      return runs.map(r -> r.resolve("metrics.csv")).filter(Files::isRegularFile).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
