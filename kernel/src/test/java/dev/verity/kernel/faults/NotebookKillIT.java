package dev.verity.kernel.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.kernel.clients.RealClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 in a notebook: the packaged kernel, driven by Debian's jupyter_client (src/test/python/kill_kernel.py),
 * is SIGKILLed while a training cell runs, at a seeded number of recorded steps. The session's run directory must
 * read back, still say running, resume with {@code verity run --resume}, and end as its own uninterrupted replay:
 * the same rows in every record file, the same checkpoint bytes.
 */
class NotebookKillIT {
  static final long SEED = Long.getLong("verity.kills.seed", 1L);
  static final String DECLARE = """
      experiment "session" seed 4
      task add = addition(digits: 1..2)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 24)
      reward correct = exact_answer()
      sampling explore = sample(max_tokens: 6, per_prompt: 2)
      sft warm: policy on add { steps: 60, batch: 8 }
      """;
  static final String TRAINING = "rl tune: policy on add { reward: correct, sampling: explore, prompts: 4, steps: 160 }\n";

  @TempDir Path dir;

  @Test
  void aKernelKilledDuringTrainingLeavesARunThatResumesToItsUninterruptedReplay() throws Exception {
    Path jar = VerityProcess.ROOT.resolve("kernel/target/verity.jar");
    RealClients clients = RealClients.serving(dir, jar.toString());
    int rows = 60 + 10 + new SplittableRandom(SEED).nextInt(130); // inside the RL cell, past a checkpoint or not
    RealClients.Result result = clients.run(600, RealClients.PYTHON.toString(),
        clients.script("kill_kernel.py").toString(), "verity", DECLARE, TRAINING, Integer.toString(rows));
    assertEquals(0, result.exitCode(), () -> "client failed:\n" + result.stderr());
    JsonNode killed = result.json();
    assertFalse(killed.has("error"), killed::toString);
    assertEquals(-9, killed.path("exit").asInt(), "killed by SIGKILL: " + killed);
    Path run = Path.of(killed.path("run").asText());

    RunDirectory left = RunDirectory.openReadOnly(run);
    assertEquals(RunStatus.RUNNING, left.manifest().status(), "the kernel died without a word");
    assertTrue(left.source().contains("# %% cell[2]\n" + TRAINING.strip()), left.source());
    long recorded = left.records().metrics().size();
    assertTrue(recorded >= rows && recorded < 220, "killed in the RL cell: " + recorded + " steps recorded");

    VerityProcess.Ended resumed = VerityProcess.run(dir, Map.of(), 600, "run", "--resume", run.toString());
    assertEquals(0, resumed.exitCode(), resumed.output());
    assertEquals(RunStatus.DONE, left.manifest().status());
    VerityProcess.Ended replay = VerityProcess.run(dir, Map.of(), 600, "replay", run.toString(), "--out", "replays");
    assertEquals(0, replay.exitCode(), replay.output());
    assertTrue(replay.output().endsWith("identical\n"), replay.output());
    Path straight = KillAnywhereIT.only(dir.resolve("replays"));
    assertEquals(List.of(), RunFiles.differences(straight, run, false)); // the session also kept its stage charts
    System.out.printf("notebook kill: the kernel SIGKILLed at %d recorded steps of 220 resumed to its"
        + " uninterrupted replay, checkpoints byte for byte%n", killed.path("killed_at_rows").asInt());
    assertTrue(Files.exists(run.resolve("checkpoints/tune-step-000160.ckpt")));
  }
}
