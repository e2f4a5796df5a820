package dev.verity.engine.sft;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.Training;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.model.Policy;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import org.junit.jupiter.api.Test;

/** An example longer than the context is refused with a message that says what to change, not a tensor crash. */
class SftContextGuardTest {
  @Test
  void tooLongAnExampleIsRefusedWithTheNumbers() {
    // 3-digit addition scratchpads need up to 8 + 32 + 1 = 41 positions
    try (Policy policy = Training.policy(new ModelSpec(1, 2, 16, 24), 1);
        SftTrainer trainer = new SftTrainer(policy, Training.ADDITION, Training.scratchpadSft(1, 16, 1e-3),
            StageContext.of("sft", 0, 1))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> trainer.run(StageListener.NONE));
      assertTrue(e.getMessage().startsWith("model context 24 is too short for this scratchpad example of addition"),
          e.getMessage());
      assertTrue(e.getMessage().contains("raise context to"), e.getMessage());
    }
  }
}
