package dev.verity.kernel.sweep;

import static dev.verity.engine.run.JsonProblem.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One run in sweep.json: what it runs and where it stands.
 *
 * @param id its folder under runs/ (the run directory goes inside it)
 * @param variant the label of its variant, as summaries name it
 * @param seed its seed; null when it runs with the file's own
 * @param overrides its {@code --set} overrides, the seed's last
 * @param dir its run directory relative to the sweep directory, once it exists
 * @param exitCode its process's exit status, once it ended
 * @param slurmJob the Slurm job array it was last submitted in, with {@code slurmTask} its index there
 * @param pid the process of a local run while it runs, so a resume never starts a second process on its directory
 * @param message why it failed, when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEntry(
    String id, String variant, Long seed, List<String> overrides, RunState status, String dir, Integer exitCode,
    String slurmJob, Integer slurmTask, Long pid, String message) {

  public RunEntry { // a sweep.json without a field fails naming it (JsonProblem)
    required(id, "id");
    required(variant, "variant");
    overrides = List.copyOf(required(overrides, "overrides"));
    required(status, "status");
  }

  static RunEntry planned(Grid.PlannedRun run) {
    return new RunEntry(run.id(), run.variant(), run.seed(), run.overrides(), RunState.PENDING, null, null, null,
        null, null, null);
  }

  RunEntry withStatus(RunState next) {
    return new RunEntry(id, variant, seed, overrides, next, dir, next.ended() ? exitCode : null, slurmJob,
        slurmTask, next == RunState.RUNNING ? pid : null, next == RunState.FAILED ? message : null);
  }

  RunEntry ended(RunState state, int code, String why) {
    return new RunEntry(id, variant, seed, overrides, state, dir, code, slurmJob, slurmTask, null,
        state == RunState.FAILED ? why : null);
  }

  RunEntry withDir(String runDir) {
    return new RunEntry(id, variant, seed, overrides, status, runDir, exitCode, slurmJob, slurmTask, pid, message);
  }

  RunEntry submitted(String job, int task) {
    return new RunEntry(id, variant, seed, overrides, RunState.QUEUED, dir, null, job, task, null, null);
  }

  RunEntry failed(String why) {
    return new RunEntry(id, variant, seed, overrides, RunState.FAILED, dir, exitCode, slurmJob, slurmTask, null, why);
  }

  RunEntry startedAs(long processId) {
    return new RunEntry(id, variant, seed, overrides, RunState.RUNNING, dir, null, slurmJob, slurmTask, processId,
        null);
  }

  /** Whether this local run's process is alive (a sweep killed without a word leaves its runs running). */
  boolean processAlive() {
    return pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
