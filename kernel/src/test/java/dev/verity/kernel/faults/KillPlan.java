package dev.verity.kernel.faults;

import dev.verity.kernel.faults.KillSwitch.Phase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Where a seeded series of kills lands in a run of an SFT stage, an eval, and an RL stage of {@code steps} steps
 * each: each kill is a phase and the number of rows metrics.csv must hold before it, so the kills move forward
 * through the run as each resume catches up. Half land in SFT (steps, checkpoint writes and prunes, record appends),
 * one at the eval between the stages, the rest in RL (sampling, update, periodic evals, checkpoints, appends), the
 * last where only the end is left (the final eval, the manifest's last write). Every phase of {@link #REQUIRED}
 * is among them.
 */
final class KillPlan {
  /** The moments the issue names: SFT, RL sampling, the update, evaluation, inside a checkpoint write. */
  static final Set<Phase> REQUIRED =
      EnumSet.of(Phase.SFT_STEP, Phase.RL_SAMPLING, Phase.RL_UPDATE, Phase.EVAL, Phase.CHECKPOINT_WRITE);
  private static final List<Phase> IN_SFT = List.of(Phase.SFT_STEP, Phase.CHECKPOINT_WRITE, Phase.CHECKPOINT_PRUNE);
  /**
   * Random RL kills leave out evaluations: a periodic one comes only every steps / 3 rows, so a drawn row count
   * can fall past the last one; the eval between the stages and the final eval cover the phase.
   */
  private static final List<Phase> IN_RL =
      List.of(Phase.RL_SAMPLING, Phase.RL_UPDATE, Phase.CHECKPOINT_WRITE, Phase.CHECKPOINT_PRUNE);
  /** Rows kept clear before a stage's end, so a checkpoint kill cannot land on the stage's last checkpoint. */
  static final int MARGIN = 6;

  /** One kill: in {@code phase}, once {@code rows} steps are recorded, after {@code skip} samples inside it. */
  record Kill(Phase phase, int rows, int skip) {
    String agentArgs(Path dir) {
      return "phase=" + phase + ",rows=" + rows + ",skip=" + skip + ",dir=" + dir;
    }

    @Override
    public String toString() {
      return phase + " after " + rows + " rows";
    }
  }

  private KillPlan() {}

  /** At least 6 kills, in a run of {@code steps} ≥ 24 steps a stage whose RL stage evaluates every steps / 3. */
  static List<Kill> draw(SplittableRandom random, int kills, int steps) {
    int total = 2 * steps;
    int inSft = Math.max(2, (kills - 1) / 2);
    List<Kill> plan = new ArrayList<>();
    int rows = 1;
    for (int i = 0; i < kills; i++) {
      Phase phase;
      int last;
      if (i < inSft) {
        phase = i == 0 ? Phase.SFT_STEP : i == 1 ? Phase.CHECKPOINT_WRITE : pick(random, IN_SFT);
        last = steps - MARGIN;
      } else if (i == inSft) {
        phase = Phase.EVAL; // lands in the eval between the stages
        rows = Math.max(rows, steps - 1);
        last = steps - 1;
      } else if (i >= kills - 2) {
        phase = i == kills - 1 ? Phase.EVAL : Phase.CHECKPOINT_WRITE; // the end: the last checkpoint, the final eval
        last = total - 1;
      } else {
        phase = i == inSft + 1 ? Phase.RL_SAMPLING : i == inSft + 2 ? Phase.RL_UPDATE : pick(random, IN_RL);
        rows = Math.max(rows, steps);
        last = total - MARGIN;
      }
      int left = Math.max(1, kills - 2 - i);
      rows = Math.min(last, rows + random.nextInt(Math.max(1, (last - rows) / left) + 1));
      plan.add(new Kill(phase, rows, random.nextInt(3)));
      if (phase == Phase.EVAL && rows >= steps) { // a periodic eval comes only every steps / 3 rows
        int every = steps / 3;
        rows = Math.min(total, steps + every * (int) Math.ceil((rows - steps) / (double) every));
      }
    }
    return plan;
  }

  private static Phase pick(SplittableRandom random, List<Phase> phases) {
    return phases.get(random.nextInt(phases.size()));
  }
}
