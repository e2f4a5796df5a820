package dev.verity.kernel.sweep;

import static dev.verity.engine.run.JsonProblem.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * sweep.json: the experiment file, the grid, the command that started the sweep, how it runs, and each run.
 *
 * @param experiment the experiment file's name without its extension: the sweep directory's name starts with it
 * @param file the experiment file, absolute; every new run of the sweep runs it
 * @param fileSha256 its hash when the sweep started: a resume refuses to start new runs of an edited file
 * @param command the command line that started the sweep
 * @param createdAt when, ISO-8601
 * @param classpath the jars (or class folders) of Java classes given with {@code --classpath}, absolute: every
 *     new run is given them, and records them in its jars.json; none for a sweep without (or from before them)
 */
@JsonPropertyOrder({"experiment", "file", "file_sha256", "command", "created_at", "grid", "executor", "runs",
    "classpath"})
public record SweepRecord(
    String experiment, String file, String fileSha256, List<String> command, String createdAt, Grid grid,
    Executor executor, List<RunEntry> runs, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> classpath) {

  public SweepRecord { // a sweep.json without a field fails naming it (JsonProblem), not in List.copyOf
    required(experiment, "experiment");
    required(file, "file");
    required(fileSha256, "file_sha256");
    command = List.copyOf(required(command, "command"));
    required(createdAt, "created_at");
    required(grid, "grid");
    required(executor, "executor");
    runs = List.copyOf(required(runs, "runs"));
    classpath = classpath == null ? List.of() : List.copyOf(classpath);
  }

  /**
   * How the runs run: {@code local} (child processes, {@code jobs} at once) or {@code slurm} (job arrays, at
   * most {@code jobs} tasks at once when given), each run computing on {@code threads} threads.
   *
   * @param jobIds the Slurm job arrays submitted, in order
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Executor(
      String kind, Integer jobs, Integer threads, String partition, String time, Integer cpusPerTask, String gres,
      List<String> jobIds) {
    public static final String LOCAL = "local";
    public static final String SLURM = "slurm";

    public Executor {
      required(kind, "kind");
      required(threads, "threads"); // read as 0 it would start every run of a resumed sweep on no threads
      jobIds = jobIds == null ? null : List.copyOf(jobIds);
    }

    public boolean slurm() {
      return SLURM.equals(kind);
    }

    Executor withJob(String jobId) {
      List<String> ids = new ArrayList<>(jobIds == null ? List.of() : jobIds);
      ids.add(jobId);
      return new Executor(kind, jobs, threads, partition, time, cpusPerTask, gres, ids);
    }

    Executor withJobs(Integer next) {
      return new Executor(kind, next, threads, partition, time, cpusPerTask, gres, jobIds);
    }
  }

  RunEntry run(String id) {
    return runs.stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run " + id + " in the sweep"));
  }

  SweepRecord withRun(String id, UnaryOperator<RunEntry> change) {
    List<RunEntry> next = new ArrayList<>();
    for (RunEntry r : runs) {
      next.add(r.id().equals(id) ? change.apply(r) : r);
    }
    return new SweepRecord(experiment, file, fileSha256, command, createdAt, grid, executor, next, classpath);
  }

  SweepRecord withExecutor(Executor next) {
    return new SweepRecord(experiment, file, fileSha256, command, createdAt, grid, next, runs, classpath);
  }
}
