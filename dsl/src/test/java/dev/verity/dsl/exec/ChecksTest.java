package dev.verity.dsl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Overrides;
import dev.verity.engine.report.Verdict;
import dev.verity.engine.reward.RewardEvaluator;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.reward.Rollout;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.AdditionTask;
import dev.verity.engine.task.CountdownTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A check's verdict is the reward RL would give: with {@code task:} its verifier, without it a strict one. */
class ChecksTest {
  private static final String HEAD = String.join("\n",
      "task add = addition(digits: 2)",
      "task cd = countdown(numbers: 4)",
      "reward correct = exact_answer()",
      "");

  @TempDir Path dir;

  /** The verdicts of the cell's checks, run in a notebook-like session (failed checks do not stop it). */
  private List<Boolean> verdicts(String checks) {
    try (Session session = new Session(dir, Optional.empty())) {
      Outcome outcome = Cells.run(session, HEAD + checks, "cell", Overrides.NONE, ExecutionListener.NONE);
      assertInstanceOf(Outcome.Done.class, outcome, outcome::toString);
      return outcome.outputs().stream().map(o -> ((Verdict) o).passed()).toList();
    }
  }

  /** What RL scores: RlTrainer's call, the stage's task and the reward over the rollout's group. */
  private static double rlReward(TaskSpec spec, String prompt, String response, String answer) {
    Task task = spec.create();
    Rollout rollout = new Rollout(new Problem(prompt, answer, 0), response, response.length(), false);
    RewardExpr correct = new RewardExpr.Named("correct", new RewardExpr.ExactAnswer());
    return new RewardEvaluator(correct).evaluate(List.of(rollout), task, 0, 1).get(0).total();
  }

  @Test
  void withATaskACountdownCheckAcceptsAnyExpressionReachingTheTargetAsRlDoes() {
    assertEquals(1, rlReward(TaskSpec.of(CountdownTask.TYPE, "numbers", new LevelRange(4, 4)),
        "3,4,25,50:100=", "4*25", "(50-25)*4"));
    assertEquals(List.of(true, true), verdicts(String.join("\n",
        "check correct(prompt: \"3,4,25,50:100=\", response: \"4*25\", answer: \"(50-25)*4\", task: cd) == 1",
        "check correct(prompt: \"3,4,25,50:100=\", response: \"4*24\", answer: \"(50-25)*4\", task: cd) == 0")));
  }

  @Test
  void aTrailingSpaceScoresZeroWithAndWithoutATaskAsAdditionsVerifierDoes() {
    assertEquals(0, rlReward(TaskSpec.of(AdditionTask.TYPE, "digits", new LevelRange(2, 2)),
        "12+30=", "42 ", "42"));
    assertEquals(List.of(false, false, true, true), verdicts(String.join("\n",
        "check correct(prompt: \"12+30=\", response: \"42 \", answer: \"42\") == 1",
        "check correct(prompt: \"12+30=\", response: \"42 \", answer: \"42\", task: add) == 1",
        "check correct(prompt: \"12+30=\", response: \"42 \", answer: \"42\") == 0",
        "check correct(prompt: \"12+30=\", response: \"42 \", answer: \"42\", task: add) == 0")));
  }

  @Test
  void withoutATaskTheAnswerIsWhatFollowsTheLastMarkOrTheWholeResponse() {
    assertEquals(List.of(true, true, true, true), verdicts(String.join("\n",
        "check correct(prompt: \"12+30=\", response: \"42\", answer: \"42\") == 1",
        "check correct(prompt: \"12+30=\", response: \"43\", answer: \"42\") == 0",
        "check correct(prompt: \"12+30=\", response: \"2+0=2|1+3=4|>42\", answer: \"42\") == 1",
        "check correct(prompt: \"3,4,25,50:100=\", response: \"4*25\", answer: \"(50-25)*4\") == 0")));
  }

  @Test
  void aSessionThatStopsAtFailedChecksFailsAtTheCheckAndRunsNothingAfterIt() {
    try (Session session = new Session(dir, Optional.empty())) {
      session.setStopsAtFailedChecks(true);
      String cell = HEAD
          + "check correct(prompt: \"12+30=\", response: \"42\", answer: \"42\") == 1\n"
          + "  check correct(prompt: \"12+30=\", response: \"42 \", answer: \"42\") == 1\n"
          + "check correct(prompt: \"12+30=\", response: \"43\", answer: \"42\") == 0\n";
      Outcome outcome = Cells.run(session, cell, "cell", Overrides.NONE, ExecutionListener.NONE);
      Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
      String headline = failed.diagnostics().list().get(0).headline();
      assertEquals("cell:5:3: error: check failed: correct(prompt: \"12+30=\", response: \"42 \", answer: \"42\")"
          + " == 1: got 0 [correct = 0, exact_answer = 0]; fix the reward or the check", headline);
      assertEquals(1, failed.outputs().size(), "the passing check before it shows; nothing after it runs");
      assertTrue(((Verdict) failed.outputs().get(0)).passed());
    }
  }

  @Test
  void aNotebookSessionShowsAFailedCheckAndGoesOn() {
    List<Boolean> shown = verdicts(String.join("\n",
        "check correct(prompt: \"12+30=\", response: \"42 \", answer: \"42\") == 1",
        "check correct(prompt: \"12+30=\", response: \"43\", answer: \"42\") == 0"));
    assertFalse(shown.get(0));
    assertTrue(shown.get(1));
  }
}
