package dev.verity.kernel.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.kernel.faults.KillPlan.Kill;
import dev.verity.kernel.faults.KillSwitch.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 anywhere: {@code bin/verity run} on a tiny SFT + RL experiment is SIGKILLed at seeded moments — in an SFT
 * step, in RL sampling, in the update, in an evaluation, inside a checkpoint write or between it and the removal of
 * the older one ({@link KillSwitch}, a test-only agent, picks the moment) — and resumed each time with {@code run
 * --resume}, the next kill landing further on. After each kill the directory must read back; at the end it must
 * hold what an uninterrupted run left: the same rows in every record file (wall-clock columns aside), the same
 * checkpoint bytes. CI kills 12 times; {@code scripts/soak-kills.sh} 100 ({@code -Dverity.kills=N}).
 */
class KillAnywhereIT {
  static final int KILLS = Integer.getInteger("verity.kills", 12);
  static final long SEED = Long.getLong("verity.kills.seed", 1L);
  static final int CHECKPOINT_EVERY = 4;
  private static final long TIMEOUT_S = 600;

  @TempDir Path dir;

  /** SFT then RL, with an evaluation between them, periodic ones in RL, and a chart at the end. */
  static String experiment(int steps) {
    return """
        experiment "kills" seed 5
        task add = addition(digits: 1..2)
        task add_test = addition(digits: 1..2, count: 8)
        model policy = gpt(layers: 1, heads: 2, dim: 16, context: 24)
        reward correct = exact_answer()
        sampling explore = sample(max_tokens: 6, per_prompt: 2)
        sampling greedy = sample(temperature: 0, max_tokens: 6)
        sft warm: policy on add { steps: STEPS, batch: 8 }
        eval mid: policy on add_test with greedy
        rl tune: policy on add { reward: correct, sampling: explore, prompts: 4, steps: STEPS, eval: add_test with greedy every EVERY }
        eval final: policy on add_test with greedy
        plot reward_mean by step for tune
        """.replace("STEPS", Integer.toString(steps)).replace("EVERY", Integer.toString(steps / 3));
  }

  @Test
  void aRunKilledAtSeededMomentsResumesToTheRecordsAndCheckpointBytesOfAnUninterruptedRun() throws Exception {
    int steps = Math.max(24, KILLS + 2 * KillPlan.MARGIN); // room for half the kills in each stage
    Files.writeString(dir.resolve("kills.verity"), experiment(steps));
    String every = Integer.toString(CHECKPOINT_EVERY);
    VerityProcess.Ended reference = VerityProcess.run(dir, Map.of(), TIMEOUT_S, "run", "kills.verity", "--out",
        "reference", "--checkpoint-every", every);
    assertEquals(0, reference.exitCode(), reference.output());
    Path expected = only(dir.resolve("reference"));

    Path agent = AgentJar.build(dir.resolve("killswitch.jar"));
    List<Kill> plan = KillPlan.draw(new SplittableRandom(SEED), KILLS, steps);
    Path runs = dir.resolve("runs");
    Path run = null;
    Map<Phase, Integer> landed = new EnumMap<>(Phase.class);
    List<String> where = new ArrayList<>();
    long started = System.nanoTime();
    for (Kill kill : plan) {
      String tool = "-javaagent:" + agent + "=" + kill.agentArgs(run == null ? runs : run);
      VerityProcess.Ended ended = run == null
          ? VerityProcess.run(dir, Map.of("JAVA_TOOL_OPTIONS", tool), TIMEOUT_S, "run", "kills.verity", "--out",
              "runs", "--checkpoint-every", every)
          : VerityProcess.run(dir, Map.of("JAVA_TOOL_OPTIONS", tool), TIMEOUT_S, "run", "--resume", run.toString());
      run = run == null ? only(runs) : run;
      String report = ended.output().lines().filter(l -> l.startsWith(KillSwitch.REPORT)).findFirst().orElse("");
      assertTrue(ended.killed() && !report.isEmpty(), "kill " + (where.size() + 1) + " (" + kill + ") never came;"
          + " the process ended with exit " + ended.exitCode() + ". Kills so far:\n  " + String.join("\n  ", where)
          + "\n" + ended.output());
      landed.merge(kill.phase(), 1, Integer::sum);
      where.add(report.substring(KillSwitch.REPORT.length()));
      readsBack(run);
    }
    VerityProcess.Ended last = VerityProcess.run(dir, Map.of(), TIMEOUT_S, "run", "--resume", run.toString());
    assertEquals(0, last.exitCode(), last.output());

    System.out.printf("kill anywhere: %d SIGKILLs survived (seed %d, %.0f s), by phase %s:%n  %s%n", where.size(),
        SEED, (System.nanoTime() - started) / 1e9, landed, String.join("\n  ", where));
    assertEquals(List.of(), RunFiles.differences(expected, run), "the resumed run differs from the uninterrupted one");
    assertEquals(RunStatus.DONE, RunDirectory.openReadOnly(run).manifest().status());
    assertEquals(KILLS, where.size());
    assertTrue(landed.keySet().containsAll(KillPlan.REQUIRED), "kills landed in " + landed);
  }

  /** What a kill leaves reads back: the manifest whole, every record file as whole rows (a cut last line aside). */
  private static void readsBack(Path run) throws IOException {
    RunDirectory recorded = RunDirectory.openReadOnly(run);
    recorded.manifest();
    recorded.records().metrics();
    recorded.records().eval();
    recorded.records().evalLevels();
    recorded.records().rollouts();
  }

  static Path only(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      List<Path> all = list.toList();
      assertEquals(1, all.size(), "one run directory in " + folder + ": " + all);
      return all.get(0);
    }
  }
}
