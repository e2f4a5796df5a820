package dev.verity.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.verity.engine.Training;
import dev.verity.engine.TrainedAddition;
import dev.verity.engine.checkpoint.Checkpoint;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.model.Policy;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.rl.RlTrainer;
import dev.verity.engine.sft.SftSpec;
import dev.verity.engine.sft.SftTrainer;
import dev.verity.engine.task.FrozenSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage stopped or killed part-way and continued from its latest checkpoint, in a fresh policy and trainer,
 * ends exactly where the uninterrupted stage ends: same metrics, evaluations and weights.
 */
class ResumeEqualsUninterruptedTest {
  private static final SftSpec SFT = Training.scratchpadSft(24, 64, 3e-3);
  private static final RlSpec RL = Training.statefulRl(8);
  private static final EvalSet SAMPLED_EVAL =
      new EvalSet(
          "test", Training.ADDITION, FrozenSet.draw(Training.ADDITION, 4, "test", 32), Training.sampling(1.0, 2), 2);

  @TempDir Path dir;

  /** What a listener throws to end a run the way a killed process would: no checkpoint, nothing after. */
  private static final class Killed extends RuntimeException {}

  private record Outcome(List<StepMetrics> metrics, List<EvalReport> evals, Map<String, float[]> weights) {}

  /** Makes a stage's trainer around a policy. */
  private interface Stage extends Function<Policy, Trainer> {}

  private static Stage sft(StageContext context) {
    return policy -> new SftTrainer(policy, Training.ADDITION, SFT, context);
  }

  private static Stage rl(StageContext context) {
    return policy -> new RlTrainer(policy, Training.ADDITION, RL, context);
  }

  private static Outcome run(Policy start, Stage stage, StageListener listener) {
    try (Policy policy = start;
        Trainer trainer = stage.apply(policy)) {
      StageResult result = trainer.run(listener);
      return new Outcome(result.metrics(), result.evals(), Training.weights(policy));
    }
  }

  /** Runs the stage until {@code killAfter} steps are done, then throws as if the process died. */
  private static List<StepMetrics> runAndKill(Policy start, Stage stage, int killAfter) {
    List<StepMetrics> rows = new ArrayList<>();
    StageListener killer =
        new StageListener() {
          @Override
          public void onStep(StepMetrics metrics) {
            rows.add(metrics);
            if (rows.size() == killAfter) {
              throw new Killed();
            }
          }
        };
    assertThrows(Killed.class, () -> run(start, stage, killer));
    return rows;
  }

  /** Loads {@code file} into a freshly initialised policy (other seed, so every weight must be overwritten). */
  private static Outcome resume(Path file, Stage stage, long expectedStep) throws IOException {
    try (Policy policy = Training.policy(Training.SMALL, 99);
        Trainer trainer = stage.apply(policy)) {
      Checkpoint.Loaded loaded = Checkpoint.load(file, Device.cpu());
      try {
        trainer.restore(loaded);
      } finally {
        loaded.policy().close();
        loaded.reference().ifPresent(Policy::close);
      }
      assertEquals(expectedStep, trainer.nextStep());
      StageResult result = trainer.run(StageListener.NONE);
      return new Outcome(result.metrics(), result.evals(), Training.weights(policy));
    }
  }

  private static Path latest(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".ckpt")).max(Comparator.naturalOrder()).orElseThrow();
    }
  }

  private static void assertContinues(Outcome straight, List<StepMetrics> before, Outcome resumed, int from) {
    Training.assertSameMetrics(straight.metrics().subList(0, before.size()), before);
    Training.assertSameMetrics(straight.metrics().subList(from, straight.metrics().size()), resumed.metrics());
    Training.assertSameWeights(straight.weights(), resumed.weights());
    List<EvalReport> after = straight.evals().stream().filter(e -> e.step() > from).toList();
    assertEquals(after, resumed.evals(), "the evaluations after the resume point");
  }

  @Test
  void sftKilledAfterStep18ResumesFromItsStep16CheckpointAndMatchesAnUninterruptedRun() throws IOException {
    StageContext plain = StageContext.of("sft", 0, 4);
    Outcome straight = run(Training.policy(Training.SMALL, 4), sft(plain), StageListener.NONE);

    StageContext saving = plain.withCheckpoints(dir, 8);
    List<StepMetrics> before = runAndKill(Training.policy(Training.SMALL, 4), sft(saving), 18);
    Path file = latest(dir);
    assertEquals(saving.checkpointFile(16), file);

    Outcome resumed = resume(file, sft(saving), 16);
    assertContinues(straight, before, resumed, 16);
  }

  @Test
  void rlWithPoolKlAndCurriculumKilledAfterStep5ResumesFromStep3AndMatchesAnUninterruptedRun()
      throws IOException {
    // a sampled evaluation every 2 steps, so its random streams are compared too
    StageContext plain = StageContext.of("rl", 1, 4).withEval(SAMPLED_EVAL);
    Path start = TrainedAddition.get().partWay();
    Outcome straight = run(Training.loadPolicy(start), rl(plain), StageListener.NONE);
    assertTrue(straight.metrics().stream().anyMatch(m -> m.kl() > 0), "the KL term was live");
    assertTrue(straight.metrics().stream().anyMatch(m -> m.accuracy() > 0), "some answers were right");
    // step 0: before the first update
    assertEquals(List.of(0L, 2L, 4L, 6L, 8L), straight.evals().stream().map(EvalReport::step).toList());

    StageContext saving = plain.withCheckpoints(dir, 3);
    List<StepMetrics> before = runAndKill(Training.loadPolicy(start), rl(saving), 5);
    Path file = latest(dir);
    assertEquals(saving.checkpointFile(3), file);

    Outcome resumed = resume(file, rl(saving), 3);
    assertContinues(straight, before, resumed, 3);
  }

  @Test
  void stopRequestEndsTheStageAfterTheStepInFlightAndWritesACheckpointThatResumesExactly() throws IOException {
    StageContext plain = StageContext.of("sft", 0, 4);
    Outcome straight = run(Training.policy(Training.SMALL, 4), sft(plain), StageListener.NONE);

    StageContext saving = plain.withCheckpoints(dir, 0); // only at the end, or on a stop
    List<StepMetrics> rows = new ArrayList<>();
    List<Long> checkpoints = new ArrayList<>();
    StageListener stopper =
        new StageListener() {
          @Override
          public void onStep(StepMetrics metrics) {
            rows.add(metrics);
          }

          @Override
          public void onCheckpoint(Path file, long nextStep) {
            checkpoints.add(nextStep);
          }

          @Override
          public boolean stopRequested() {
            return rows.size() >= 10; // asked while step 9 was in flight
          }
        };
    StageResult result;
    try (Policy policy = Training.policy(Training.SMALL, 4);
        Trainer trainer = sft(saving).apply(policy)) {
      result = trainer.run(stopper);
      assertEquals(10, trainer.nextStep());
    }
    assertTrue(result.stopped());
    assertEquals(10, result.stepsRun());
    assertEquals(List.of(10L), checkpoints);
    Path file = saving.checkpointFile(10);
    assertTrue(Files.exists(file));

    Outcome resumed = resume(file, sft(saving), 10);
    assertContinues(straight, result.metrics(), resumed, 10);
  }
}
