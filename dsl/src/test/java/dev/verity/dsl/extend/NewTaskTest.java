package dev.verity.dsl.extend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.builtin.DocGenerator;
import dev.verity.dsl.exec.Cells;
import dev.verity.dsl.exec.ExecutionListener;
import dev.verity.dsl.exec.Outcome;
import dev.verity.dsl.exec.Session;
import dev.verity.dsl.exec.StageRecord;
import dev.verity.engine.task.TaskTypes;
import dev.verity.engine.train.StepMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension point for tasks, end to end: a task written in one new file ({@link SuccessorTask}) and one
 * registration line parses, checks (its limits and defaults included), fine-tunes, trains with RL under a
 * curriculum over its knob, evaluates, and appears in the generated reference.
 */
class NewTaskTest {
  private static final String EXPERIMENT = """
      experiment "successor" seed 5
      task inc      = successor(digits: 1..2)
      task inc_test = successor(count: 16)
      model m = gpt(layers: 1, heads: 2, dim: 32, context: 32)
      reward correct = exact_answer()
      check correct(prompt: "19+1=", response: "9+1=10|1+1=2|>20", answer: "20", task: inc) == 1
      sampling s = sample(per_prompt: 4, max_tokens: 20)
      sampling greedy = sample(temperature: 0, max_tokens: 20)
      sft m on inc { traces: scratchpad, steps: 40, batch: 16, lr: 3e-3 }
      rl m on inc { reward: correct, sampling: s, prompts: 4, steps: 3, curriculum: linear(digits: 1..1 -> 1..2) }
      eval m on inc_test with greedy
      """;

  @TempDir Path dir;

  @Test
  void aTaskInOneFileAndOneRegistrationLineWorksEndToEnd() {
    try (TaskTypes.Registration registered = TaskTypes.register(SuccessorTask.TYPE)) { // the registration line
      Compilation checked = Compiler.compile(EXPERIMENT, "successor.verity", dir);
      assertTrue(checked.ok(), checked.diagnostics().render());

      Compilation outOfRange = Compiler.compile("task t = successor(digits: 1..9)", "bad.verity", dir);
      assertEquals("bad.verity:1:28: error: 'digits' must lie within 1..4, got 1..9",
          outOfRange.diagnostics().list().get(0).headline());

      try (Session session = new Session(dir, Optional.empty())) {
        Outcome outcome = Cells.run(session, EXPERIMENT, "successor.verity", Overrides.NONE, ExecutionListener.NONE);
        assertInstanceOf(Outcome.Done.class, outcome, () -> outcome.toString());
        List<StepMetrics> sft = session.stage("sft#1").map(StageRecord::metrics).orElseThrow();
        assertEquals(40, sft.size());
        assertTrue(sft.get(39).loss() < sft.get(0).loss(), "the loss falls: " + sft.get(0) + " → " + sft.get(39));
        List<StepMetrics> rl = session.stage("rl#1").map(StageRecord::metrics).orElseThrow();
        assertEquals(3, rl.size());
        assertTrue(rl.stream().allMatch(m -> m.responseLenMean() > 0), "responses were sampled and scored");
        assertEquals(16, session.eval("eval#1").orElseThrow().overall().problems());
      }
      assertTrue(DocGenerator.markdown().contains("- `successor(digits: 1..2, count: 0)` — n+1= for n of the"
          + " given digits."), "the reference lists it");
    }
    assertFalse(DocGenerator.markdown().contains("successor("), "closing the registration removes it");
  }
}
