package dev.verity.engine.train;

import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.run.CheckpointFiles;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a stage sits in its experiment: its name (the {@code stage} column), its index (a coordinate of every
 * random stream it draws), the experiment's seed, an optional periodic evaluation, and where and how often to
 * checkpoint (every {@code checkpointEvery} steps and at the end; 0: only at the end; no folder: never).
 */
public record StageContext(
    String stage,
    int stageIndex,
    long seed,
    Optional<EvalSet> eval,
    Optional<Path> checkpointDir,
    int checkpointEvery) {

  /** A stage that neither evaluates nor checkpoints. */
  public static StageContext of(String stage, int stageIndex, long seed) {
    return new StageContext(stage, stageIndex, seed, Optional.empty(), Optional.empty(), 0);
  }

  public StageContext withEval(EvalSet eval) {
    return new StageContext(stage, stageIndex, seed, Optional.of(eval), checkpointDir, checkpointEvery);
  }

  public StageContext withCheckpoints(Path dir, int every) {
    return new StageContext(stage, stageIndex, seed, eval, Optional.of(dir), every);
  }

  /** The checkpoint file a stage writes before {@code nextStep}: {@code <stage>-step-000120.ckpt}. */
  public Path checkpointFile(long nextStep) {
    return CheckpointFiles.file(checkpointDir.orElseThrow(), stage, nextStep);
  }
}
