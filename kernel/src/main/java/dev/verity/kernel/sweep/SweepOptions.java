package dev.verity.kernel.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of {@code verity sweep}, shared with the notebook's {@code %sweep}: what to run (a file and its
 * grid), or which sweep to resume or show; where and how the runs run.
 */
public class SweepOptions {
  /** Where runs run. */
  public enum On { local, slurm }

  @Parameters(paramLabel = "FILE", arity = "0..1",
      description = "the experiment file; paths in it are relative to its folder")
  public String file;

  @Option(names = "--seeds", paramLabel = "N|A..B|A,B,…", description = "the seeds: 5 (1 to 5), 3..7, or 1,4,9;"
      + " each run sets its own with --set seed=N (default: the file's own seed, one run per variant)")
  public String seeds;

  @Option(names = "--set", paramLabel = "name=v1,v2,…", description = "a setting and the values it takes, as in"
      + " verity run, e.g. rl.steps=20,40 (repeatable: the sweep runs every combination)")
  public List<String> sets = new ArrayList<>();

  @Option(names = "--on", paramLabel = "local|slurm", description = "where the runs run: child processes on this"
      + " machine (default), or one Slurm job array")
  public On on;

  @Option(names = "--jobs", paramLabel = "J", description = "runs at once: local, default cores / threads; with"
      + " slurm, at most J array tasks at once (default: as many as Slurm allows)")
  public Integer jobs;

  @Option(names = "--threads", paramLabel = "T", description = "PyTorch threads of each run (default: cores / --jobs"
      + " when --jobs is given, else verity run's: $VERITY_THREADS or 2; a replay is bit-identical only at the same"
      + " count)")
  public Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "the folder the sweep directory goes in (default:"
      + " sweeps)")
  public Path out;

  @Option(names = "--partition", paramLabel = "P", description = "with --on slurm: sbatch --partition")
  public String partition;

  @Option(names = "--time", paramLabel = "LIMIT", description = "with --on slurm: sbatch --time, each task's limit"
      + " (a task stopped by it resumes with --resume)")
  public String time;

  @Option(names = "--cpus-per-task", paramLabel = "C", description = "with --on slurm: sbatch --cpus-per-task"
      + " (default: the threads of each run)")
  public Integer cpusPerTask;

  @Option(names = "--gres", paramLabel = "G", description = "with --on slurm: sbatch --gres, e.g. gpu:1")
  public String gres;

  @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "with --on slurm: follow the job array until every run ends (default); --no-wait returns once"
          + " it is submitted (then `verity sweep --status DIR`)")
  public boolean waitForSlurm = true;

  @Option(names = "--resume", paramLabel = "DIR", description = "finish the sweep in DIR: done runs are kept,"
      + " unfinished ones continue from their checkpoints (run --resume), runs not started start")
  public Path resume;

  @Option(names = "--status", paramLabel = "DIR", description = "show where the sweep in DIR stands (and write its"
      + " summaries once every run has ended)")
  public Path status;
}
