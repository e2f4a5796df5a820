package dev.verity.kernel.sweep;

import dev.verity.engine.checkpoint.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sweep's tasks as one Slurm job array: {@code slurm/array-N.sh} holds one branch per task, each running
 * {@code bin/verity run …} into the sweep directory (which must be on a file system the nodes share), appending to
 * {@code logs/<id>.log} and leaving its exit status in {@code status/<id>.exit}. Slurm's own output for a task goes
 * to {@code logs/slurm-<job>_<task>.out}. Progress is read from {@code squeue} and from the run directories, so
 * it needs no accounting database ({@code sacct}).
 */
final class SlurmExecutor {
  /** How long a task that left the queue may take to show its exit file (a shared file system's cache). */
  private static final long EXIT_FILE_GRACE_MS = 15_000;

  private final Sweep sweep;
  private final VerityCommand verity;
  private final Map<String, Long> leftQueueAt = new HashMap<>();
  private volatile boolean cancelled;

  SlurmExecutor(Sweep sweep, VerityCommand verity) {
    this.sweep = sweep;
    this.verity = verity;
  }

  /** Thrown when a Slurm command fails: its message says which and what it printed. */
  static final class SlurmException extends Exception {
    private static final long serialVersionUID = 1L;

    SlurmException(String message) {
      super(message, null, false, false);
    }
  }

  /** Writes the batch script for {@code tasks}, submits it with sbatch and records the job in sweep.json. */
  String submit(List<RunLaunch> tasks) throws IOException, SlurmException {
    SweepRecord.Executor ex = sweep.record().executor();
    int n = ex.jobIds() == null ? 1 : ex.jobIds().size() + 1;
    Path script = sweep.slurmDir().resolve("array-" + n + ".sh");
    AtomicFiles.writeString(script, script(tasks));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (RunLaunch task : tasks) {
      Files.deleteIfExists(sweep.exitFile(task.id()));
    }
    List<String> sbatch = new ArrayList<>(List.of("sbatch", "--parsable",
        "--job-name=verity-" + sweep.record().experiment(),
        "--array=0-" + (tasks.size() - 1) + (ex.jobs() == null ? "" : "%" + ex.jobs()),
        "--output=" + sweep.path().resolve(Sweep.LOGS).resolve("slurm-%A_%a.out"),
        "--chdir=" + sweep.path(),
        "--cpus-per-task=" + (ex.cpusPerTask() == null ? ex.threads() : ex.cpusPerTask())));
    if (ex.partition() != null) {
      sbatch.add("--partition=" + ex.partition());
    }
    if (ex.time() != null) {
      sbatch.add("--time=" + ex.time());
    }
    if (ex.gres() != null) {
      sbatch.add("--gres=" + ex.gres());
    }
    sbatch.add(script.toString());
    String out = command(sbatch).strip();
    String job = out.contains(";") ? out.substring(0, out.indexOf(';')) : out; // "id;cluster" on federations
    if (!job.matches("\\d+")) {
      throw new SlurmException("sbatch printed '" + out + "' where a job id was expected");
    }
    sweep.update(r -> r.withExecutor(r.executor().withJob(job)));
    for (int i = 0; i < tasks.size(); i++) {
      int index = i;
      sweep.update(tasks.get(i).id(), r -> r.submitted(job, index));
    }
    return job;
  }

  /** The batch script: each array index runs its task, with its output and exit status where the sweep reads them. */
  String script(List<RunLaunch> tasks) {
    StringBuilder s = new StringBuilder("#!/usr/bin/env bash\n")
        .append("# Written by verity sweep: array task N runs run N below (sweep.json lists the runs).\n")
        .append("# Submitted with sbatch --array=0-").append(tasks.size() - 1).append(" from ")
        .append(sweep.path()).append(".\n");
    verity.environment().forEach((k, v) -> s.append("export ").append(k).append('=')
        .append(VerityCommand.quote(v)).append('\n'));
    // A stop (scancel --signal=INT) reaches this shell too: it waits for the run, which checkpoints and ends,
    // then leaves its exit status. A trapped signal is the default again in the run, which SIGINT then stops;
    // env resets it as well where the job was started with SIGINT ignored.
    s.append("trap : INT\n");
    s.append("case \"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch --array}\" in\n");
    for (int i = 0; i < tasks.size(); i++) {
      RunLaunch task = tasks.get(i);
      s.append("  ").append(i).append(") id=").append(VerityCommand.quote(task.id())).append("\n     ")
          .append("env --default-signal=INT ").append(verity.shellLine(task.args())).append(" >> ")
          .append(VerityCommand.quote(sweep.log(task.id()).toString())).append(" 2>&1 ;;\n");
    }
    s.append("  *) echo \"no run for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\n")
        .append("esac\n")
        .append("code=$?\n")
        .append("echo \"$code\" > ").append(VerityCommand.quote(sweep.path().resolve(Sweep.STATUS).toString()))
        .append("/\"$id.exit\"\n")
        .append("exit \"$code\"\n");
    return s.toString();
  }

  /**
   * Brings every submitted run's status up to date: queued or running as squeue says; once it has left the queue,
   * ended as its exit file and manifest say (failed, with where to look, when it left none: cancelled, out of
   * time, or its node failed). Returns the runs that ended in this call.
   */
  List<RunEntry> poll() throws SlurmException {
    List<String> jobs = sweep.record().runs().stream().filter(r -> r.slurmJob() != null && inSlurm(r))
        .map(RunEntry::slurmJob).distinct().toList();
    if (jobs.isEmpty()) {
      return List.of();
    }
    Map<String, String> queue = queue(jobs);
    List<RunEntry> ended = new ArrayList<>();
    for (RunEntry run : sweep.record().runs()) {
      if (run.slurmJob() == null || !inSlurm(run)) {
        continue;
      }
      String id = run.id();
      String state = queue.get(run.slurmJob() + "_" + run.slurmTask());
      if (state != null) {
        RunState now = state.equals("PENDING") ? RunState.QUEUED : RunState.RUNNING;
        if (now != run.status()) {
          sweep.update(id, r -> r.withStatus(now));
        }
        sweep.noteRunDir(id);
        continue;
      }
      sweep.noteRunDir(id);
      Optional<Integer> code = sweep.exitCode(id);
      if (code.isPresent()) {
        RunState state2 = RunState.ended(code.get(), sweep.manifestStatus(id));
        ended.add(sweep.update(id, r -> r.ended(state2, code.get(), state2 == RunState.FAILED
            ? RunState.failure(code.get()) + "; see " + sweep.path().relativize(sweep.log(id)) : null)));
        continue;
      }
      if (cancelled && sweep.runDir(id).isEmpty()) { // cancelled while queued: it never started
        sweep.update(id, r -> r.withStatus(RunState.PENDING));
        continue;
      }
      long since = leftQueueAt.computeIfAbsent(id, k -> System.currentTimeMillis());
      if (System.currentTimeMillis() - since > EXIT_FILE_GRACE_MS) {
        ended.add(sweep.update(id, r -> r.failed("left the Slurm queue without an exit status (cancelled, out of"
            + " time, or its node failed); see logs/slurm-" + r.slurmJob() + "_" + r.slurmTask() + ".out")));
      }
    }
    return ended;
  }

  /**
   * Stops the runs that have not ended, as Ctrl-C stops a local one: tasks still queued are cancelled, running
   * ones get SIGINT (they stop after the step in flight, checkpoint, and leave their exit status).
   */
  void cancel() throws SlurmException {
    List<String> jobs = sweep.record().runs().stream().filter(r -> r.slurmJob() != null && inSlurm(r))
        .map(RunEntry::slurmJob).distinct().toList();
    if (!jobs.isEmpty()) {
      cancelled = true;
      List<String> pending = new ArrayList<>(List.of("scancel", "--state=PENDING"));
      pending.addAll(jobs);
      command(pending);
      List<String> running = new ArrayList<>(List.of("scancel", "--signal=INT", "--full", "--state=RUNNING"));
      running.addAll(jobs);
      command(running);
    }
  }

  /** Whether any submitted run is still queued or running. */
  boolean active() {
    return sweep.record().runs().stream().anyMatch(r -> r.slurmJob() != null && inSlurm(r));
  }

  /** Queued or running: a run Slurm has (a run cancelled while queued is pending again, for a resume). */
  static boolean inSlurm(RunEntry run) {
    return run.status() == RunState.QUEUED || run.status() == RunState.RUNNING;
  }

  /** Each task of {@code jobs} in the queue, {@code <job>_<task>} → its state (PENDING, RUNNING, …). */
  private static Map<String, String> queue(List<String> jobs) throws SlurmException {
    List<String> squeue = new ArrayList<>(List.of("squeue", "--noheader", "--array", "--format=%F_%K %T",
        "--jobs=" + String.join(",", jobs)));
    String out;
    try {
      out = command(squeue);
    } catch (SlurmException e) {
      if (e.getMessage().contains("Invalid job id")) {
        return Map.of(); // every job has left the controller's memory: none is queued or running
      }
      throw e;
    }
    Map<String, String> states = new HashMap<>();
    for (String line : out.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2) {
        states.put(fields[0], fields[1]);
      }
    }
    return states;
  }

  /** Runs a Slurm command and returns what it printed; a failure says the command and its output. */
  private static String command(List<String> command) throws SlurmException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SlurmException(command.get(0) + " did not answer within 2 minutes");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new SlurmException(command.get(0) + " failed (exit status " + p.exitValue() + "): " + text.strip());
      }
      return text;
    } catch (IOException e) {
      throw new SlurmException("cannot run " + command.get(0) + " (" + e.getMessage() + "): is this a Slurm"
          + " login node? On one machine, scripts/slurm-local.sh starts a cluster of one node");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlurmException(command.get(0) + " was interrupted");
    }
  }
}
