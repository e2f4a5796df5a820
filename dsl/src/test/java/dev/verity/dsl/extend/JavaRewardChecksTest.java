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
 * does not show the 0 that such a call scores in training as if it were the reward.
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
