package dev.verity.dsl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Overrides;
import dev.verity.engine.run.RolloutRecord;
import dev.verity.engine.task.Problem;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training never sees a prompt of an evaluation set of the same generator. One-digit addition has 100 prompts and
 * the evaluation set takes 50 of them, so 80 training draws would hit it about 40 times if it were not held out.
 */
class TrainTestDisjointTest {
  private static final String EXPERIMENT = String.join("\n",
      "experiment \"disjoint\" seed 4",
      "task add = addition(digits: 1)",
      "task add_test = addition(digits: 1, count: 50)",
      "task other_test = multiplication(digits: 1, count: 50)",
      "model policy = gpt(layers: 1, heads: 2, dim: 16, context: 24)",
      "reward correct = exact_answer()",
      "sampling explore = sample(max_tokens: 6, per_prompt: 2)",
      "sampling greedy = sample(temperature: 0, max_tokens: 6)",
      "rl tune: policy on add { reward: correct, sampling: explore, prompts: 8, steps: 10 }",
      "");

  @TempDir Path dir;

  @Test
  void rlDrawsNoPromptOfAnEvaluationSetOfItsGenerator() {
    try (Session session = new Session(dir, Optional.empty())) {
      Outcome outcome = Cells.run(session, EXPERIMENT, "disjoint.verity", Overrides.NONE, new ExecutionListener() {});
      assertInstanceOf(Outcome.Done.class, outcome, outcome::toString);
      Set<String> test = session.evaluationSets("addition").get("add_test").stream().map(Problem::prompt)
          .collect(Collectors.toSet());
      assertEquals(50, test.size());
      assertEquals(Set.of("add_test"), session.evaluationSets("addition").keySet(), "multiplication's set is apart");
      List<RolloutRecord> rollouts = session.stage("tune").orElseThrow().rollouts();
      Set<String> trained = rollouts.stream().map(RolloutRecord::prompt).collect(Collectors.toSet());
      assertEquals(10 * 8 * 2, rollouts.size());
      assertTrue(trained.size() > 20, "training drew many prompts: " + trained.size());
      Set<String> overlap = new HashSet<>(trained);
      overlap.retainAll(test);
      assertEquals(Set.of(), overlap, "training drew evaluation prompts");
    }
  }

  @Test
  void aStageWhoseLevelsAreAllHeldOutStopsWithTheFix() {
    String all = EXPERIMENT.replace("count: 50)", "count: 100)").replace("prompts: 8, steps: 10", "prompts: 2, steps: 1");
    try (Session session = new Session(dir, Optional.empty())) {
      Outcome outcome = Cells.run(session, all, "disjoint.verity", Overrides.NONE, new ExecutionListener() {});
      Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
      String message = failed.diagnostics().render();
      assertTrue(message.contains("every problem addition draws at digits: 1 is in the evaluation set add_test")
          && message.contains("9:"), message);
    }
  }
}
