package dev.verity.engine.train;

import dev.verity.engine.Training;
import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.rl.Algorithm;
import dev.verity.engine.rl.KlSpec;
import dev.verity.engine.rl.Prioritize;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.rl.RlTrainer;
import dev.verity.engine.sft.SftTrainer;
import dev.verity.engine.task.FrozenSet;
import dev.verity.engine.task.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The process {@link NativeMemoryTest} watches: trains a tiny model with SFT or RL, evaluating and checkpointing
 * every {@code every} steps as a real stage does, and prints its resident set size as {@code rss <step> <kB>}
 * after each checkpoint. Arguments: {@code sft|rl steps every leak folder}, where {@code leak} arrays of one
 * activation's size are left open after each step to prove the watch sees a leak, and checkpoints go to
 * {@code folder}.
 */
public final class MemoryWorkload {
  private MemoryWorkload() {}

  /** Floats in one leaked array: a (16, 40, 16) activation of the tiny model. */
  static final int LEAKED_FLOATS = 16 * 40 * 16;

  public static void main(String[] args) {
    String stage = args[0];
    int steps = Integer.parseInt(args[1]);
    int every = Integer.parseInt(args[2]);
    int leak = Integer.parseInt(args[3]);
    List<Problem> problems = FrozenSet.draw(Training.ADDITION, 1, "test", 32);
    StageContext context =
        StageContext.of(stage, stage.equals("sft") ? 0 : 1, 1)
            .withEval(new EvalSet("test", Training.ADDITION, problems, Training.sampling(1.0, 2), every))
            .withCheckpoints(Path.of(args[4]), every);
    try (Policy policy = Training.policy(Training.TINY, 1)) {
      StageListener watch =
          new StageListener() {
            @Override
            public void onStep(StepMetrics metrics) {
              for (int i = 0; i < leak; i++) {
                policy.weights().manager().create(new float[LEAKED_FLOATS]); // never closed during the stage
              }
            }

            @Override
            public void onCheckpoint(Path file, long nextStep) {
              System.out.println("rss " + nextStep + " " + residentKb());
              System.out.flush();
            }
          };
      try (Trainer trainer = trainer(steps, policy, context)) {
        trainer.run(watch);
      }
    }
  }

  private static Trainer trainer(int steps, Policy policy, StageContext context) {
    if (context.stage().equals("sft")) {
      return new SftTrainer(policy, Training.ADDITION, Training.scratchpadSft(steps, 16, 3e-3), context);
    }
    RlSpec spec =
        new RlSpec(
            Training.EXACT_PLUS_LENGTH, Training.sampling(1.0, 4), 4, new Algorithm.Grpo(0.2),
            Optional.of(new KlSpec(KlSpec.Estimator.K3, Schedule.constant(0.05), KlSpec.Target.REFERENCE)),
            Schedule.constant(1e-3), steps, 2, Optional.empty(), Prioritize.FAILURE_RATE, Optional.empty(), 0.0,
            1.0);
    return new RlTrainer(policy, Training.ADDITION, spec, context);
  }

  /** VmRSS from /proc/self/status, in kB. */
  static long residentKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      throw new IllegalStateException("no VmRSS in /proc/self/status");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
