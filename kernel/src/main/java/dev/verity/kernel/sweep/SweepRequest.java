package dev.verity.kernel.sweep;

import dev.verity.kernel.sweep.SweepDriver.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a new sweep's options ask for, checked: the grid of runs and how they execute (threads per run, runs at
 * once, or the Slurm settings). Every mistake is a {@link Refused} naming the option and the fix, before anything
 * is written.
 */
final class SweepRequest {
  /** bin/verity's PyTorch threads when $VERITY_THREADS is unset. */
  static final int RUN_THREADS = 2;

  private SweepRequest() {}

  /** The grid of {@code --seeds} and each {@code --set NAME=V1,V2}; a setting given twice is refused. */
  static Grid grid(SweepOptions o) throws Refused {
    try {
      List<Long> seeds = o.seeds == null ? List.of() : Grid.seeds(o.seeds);
      List<Grid.Setting> settings = new ArrayList<>();
      for (String set : o.sets) {
        Grid.Setting setting = Grid.setting(set);
        if (settings.stream().anyMatch(s -> s.name().equals(setting.name()))) {
          throw new Refused("--set " + setting.name() + " is given twice: list all its values in one --set, e.g. "
              + setting.name() + "=1,2");
        }
        settings.add(setting);
      }
      return new Grid(seeds, settings);
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
  }

  /**
   * The executor's settings: threads per run and runs at once. By default jobs × threads stays within the cores:
   * threads from {@code --threads}, else {@code --cpus-per-task} (slurm), else cores / {@code --jobs} (local),
   * else what {@code verity run} uses ({@code $VERITY_THREADS}, else {@value #RUN_THREADS}; at most the cores), so
   * a sweep's run of seed N has the bits of {@code verity run --set seed=N}; local jobs from {@code --jobs}, else
   * cores / threads. More threads in all than cores is allowed: {@code notes} is told, once.
   */
  static SweepRecord.Executor executor(SweepOptions o, Consumer<String> notes) throws Refused {
    boolean onSlurm = o.on == SweepOptions.On.slurm;
    if (!onSlurm && (o.partition != null || o.time != null || o.cpusPerTask != null || o.gres != null)) {
      throw new Refused("--partition, --time, --cpus-per-task and --gres are sbatch options: add --on slurm");
    }
    positive("--jobs", o.jobs);
    positive("--threads", o.threads);
    positive("--cpus-per-task", o.cpusPerTask);
    int cores = Runtime.getRuntime().availableProcessors();
    int threads;
    if (o.threads != null) {
      threads = o.threads;
    } else if (onSlurm && o.cpusPerTask != null) {
      threads = o.cpusPerTask;
    } else if (!onSlurm && o.jobs != null) {
      threads = Math.max(1, cores / o.jobs);
    } else {
      threads = envThreads().orElse(Math.min(RUN_THREADS, cores));
    }
    if (onSlurm) {
      return new SweepRecord.Executor(SweepRecord.Executor.SLURM, o.jobs, threads, o.partition, o.time,
          o.cpusPerTask == null ? threads : o.cpusPerTask, o.gres, List.of());
    }
    int jobs = o.jobs != null ? o.jobs : Math.max(1, cores / threads);
    if (jobs * threads > cores) {
      notes.accept("note: " + jobs + " runs at once × " + threads + " threads each = " + jobs * threads
          + " threads on " + cores + " cores; each run will be slower than alone");
    }
    return new SweepRecord.Executor(SweepRecord.Executor.LOCAL, jobs, threads, null, null, null, null, null);
  }

  private static Optional<Integer> envThreads() throws Refused {
    String text = System.getenv(VerityCommand.THREADS);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1) {
        return Optional.of(n);
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new Refused(VerityCommand.THREADS + "=" + text + ": give a whole number of threads, 1 or more");
  }

  /** Refuses a count below 1 given to {@code option}. */
  static void positive(String option, Integer value) throws Refused {
    if (value != null && value < 1) {
      throw new Refused(option + " " + value + ": give 1 or more");
    }
  }
}
