package dev.verity.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.verity.engine.Training;
import dev.verity.engine.TrainedAddition;
import dev.verity.engine.model.Policy;
import dev.verity.engine.task.FrozenSet;
import dev.verity.engine.task.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved policy, loaded again, is the same model: same bits, same logits, same answers. */
class CheckpointRoundTripTest {
  private static final List<Problem> PROBLEMS = FrozenSet.draw(Training.ADDITION, 3, "checkpoint", 64);

  @TempDir Path dir;

  @Test
  void savedThenLoadedPolicyHasIdenticalWeightsLogitsAndGreedyAnswers() throws Exception {
    Path file = dir.resolve("policy.ckpt");
    try (Policy trained = Training.loadPolicy(TrainedAddition.get().partWay())) {
      Checkpoint.save(file, trained, Checkpoint.at(11, "sft", 2, 400), null, null, null);
      Checkpoint.Loaded loaded = Checkpoint.load(file, Device.cpu());
      try (Policy copy = loaded.policy()) {
        assertEquals(trained.spec(), loaded.meta().spec());
        assertEquals(trained.tokenizer().alphabet(), loaded.meta().alphabet());
        assertEquals(List.of(11L, "sft", 2, 400L),
            List.of(loaded.meta().seed(), loaded.meta().stage(), loaded.meta().stageIndex(), loaded.meta().step()));
        assertTrue(loaded.reference().isEmpty() && loaded.meta().optimizerState().isEmpty());

        Training.assertSameWeights(Training.weights(trained), Training.weights(copy));
        float[] expected = Training.logits(trained, PROBLEMS);
        float[] actual = Training.logits(copy, PROBLEMS);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "logit " + i);
        }
        List<String> answers = Training.greedy(trained, PROBLEMS);
        assertEquals(answers, Training.greedy(copy, PROBLEMS));
        long right =
            IntStream.range(0, PROBLEMS.size())
                .filter(i -> Training.ADDITION.verify(PROBLEMS.get(i), answers.get(i)))
                .count();
        assertTrue(right > 16, "the compared model has learned something: " + right + " of 64 right");
      }
    }
  }

  @Test
  void checkpointKeepsTheReferencePolicyOfAnRlStage() throws Exception {
    Path file = dir.resolve("rl.ckpt");
    try (Policy policy = Training.policy(Training.TINY, 1);
        Policy reference = Training.policy(Training.TINY, 2)) {
      Checkpoint.save(file, policy, Checkpoint.at(1, "rl", 1, 3), null, reference, new byte[] {1, 2, 3});
      Checkpoint.Loaded loaded = Checkpoint.load(file, Device.cpu());
      try (Policy copy = loaded.policy();
          Policy copiedReference = loaded.reference().orElseThrow()) {
        Training.assertSameWeights(Training.weights(policy), Training.weights(copy));
        Training.assertSameWeights(Training.weights(reference), Training.weights(copiedReference));
        assertArrayEquals(new byte[] {1, 2, 3}, loaded.meta().trainerState().orElseThrow());
      }
    }
  }
}
