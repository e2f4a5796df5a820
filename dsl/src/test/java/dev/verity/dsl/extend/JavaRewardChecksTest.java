package dev.verity.dsl.extend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.diag.Diagnostic;
import dev.verity.dsl.exec.Cells;
import dev.verity.dsl.exec.ExecutionListener;
import dev.verity.dsl.exec.Outcome;
import dev.verity.dsl.exec.PlanChecks;
import dev.verity.dsl.exec.Session;
import dev.verity.engine.user.JavaClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code check} of a reward whose Java code throws or overruns fails, at the check, naming what went wrong: it
 * does not show the 0 that such a call scores in training as if it were the reward. A Java term that returns NaN
 * fails a check, and stops a stage at its reward before anything trains on it.
 */
class JavaRewardChecksTest {
  @TempDir static Path jarDir;
  @TempDir Path dir;
  private static Path jar;

  @BeforeAll
  static void buildJar() throws Exception {
    jar = UserJar.build(jarDir);
  }

  private static final String CELL = """
      task stuck = java("tasks.BadVerifier", fails: loops)
      reward thrown = exact_answer() + java("rewards.Throws")
      reward partial = java("rewards.PartialCredit")
      reward correct = exact_answer()
      check thrown(prompt: "ab=", response: ">ba", answer: "ba") == 0
      check correct(prompt: "ab=", response: ">ba", answer: "ba", task: stuck) == 0
      check partial(prompt: "ab=", response: ">ba", answer: "ba") == 1
      """;

  @Test
  void verityCheckReportsTheExceptionAtTheCheckAndPassesTheCheckThatWorks() {
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)))) {
      Compilation checked = Compiler.compile(CELL, "checks.verity", dir);
      assertTrue(checked.ok(), checked.diagnostics().render());
      List<PlanChecks.Failure> failures = PlanChecks.failures(checked.plan().orElseThrow());
      assertEquals(2, failures.size(), failures::toString);
      PlanChecks.Failure thrown = failures.get(0);
      assertEquals(5, thrown.span().line());
      assertEquals("check failed: thrown(prompt: \"ab=\", response: \">ba\", answer: \"ba\") == 0: the reward could"
          + " not be scored: Throws.score threw java.lang.ArithmeticException: no reward for ab= (in training a"
          + " failed call scores 0 and counts in user_code_errors); fix the reward or the check", thrown.message());
      PlanChecks.Failure looped = failures.get(1);
      assertEquals(6, looped.span().line());
      assertTrue(looped.message().contains(": the reward could not be scored: BadVerifier.verify ran longer than its"
          + " limit of 1000 ms"), looped.message());
    }
  }

  @Test
  void aJavaTermThatReturnsNaNFailsItsCheckAndStopsTheStageAtTheReward() {
    String cell = """
        task rev = java("tasks.Reverse", length: 1..2)
        model m = gpt(layers: 1, heads: 2, dim: 16, context: 24)
        reward nan = exact_answer() + java("rewards.NotANumber")
        check nan(prompt: "ab=", response: ">", answer: "ba") == 0
        sampling s = sample(per_prompt: 2, max_tokens: 8)
        rl m on rev { reward: nan, sampling: s, prompts: 2, steps: 2 }
        """;
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)))) {
      Compilation checked = Compiler.compile(cell, "nan.verity", dir);
      assertTrue(checked.ok(), checked.diagnostics().render());
      List<PlanChecks.Failure> failures = PlanChecks.failures(checked.plan().orElseThrow());
      assertEquals(1, failures.size(), failures::toString);
      assertEquals("check failed: nan(prompt: \"ab=\", response: \">\", answer: \"ba\") == 0: reward 'nan' cannot be"
          + " scored for the prompt 'ab=' and the response '>': its term NotANumber is NaN. A reward must be a"
          + " finite number: make that term return one (a Java term's score must be finite); fix the reward or the"
          + " check", failures.get(0).message());
      try (Session session = new Session(dir, Optional.empty())) {
        Outcome outcome = Cells.run(session, cell.replace("check nan", "# check nan"), "nan.verity", Overrides.NONE,
            ExecutionListener.NONE);
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
        Diagnostic error = failed.diagnostics().list().get(0);
        assertEquals(3, error.span().line(), "at the reward's declaration");
        assertTrue(error.message().startsWith("rl#1 step 1: reward 'nan' "), error.message());
        assertTrue(error.message().contains("its term NotANumber is NaN"), error.message());
        assertTrue(session.stage("rl#1").orElseThrow().metrics().isEmpty(), "no step trained on it");
      }
    }
  }

  @Test
  void aHeadlessRunStopsAtTheCheckWithTheException() {
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)));
        Session session = new Session(dir, Optional.empty())) {
      session.setStopsAtFailedChecks(true);
      Outcome outcome = Cells.run(session, CELL, "checks.verity", Overrides.NONE, ExecutionListener.NONE);
      Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
      Diagnostic error = failed.diagnostics().list().get(0);
      assertEquals(5, error.span().line());
      assertTrue(error.message().contains("Throws.score threw java.lang.ArithmeticException: no reward for ab="),
          error.message());
    }
  }
}
