package dev.verity.dsl.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Overrides;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.report.Chart;
import dev.verity.engine.report.Verdict;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Plans run on the engine: the reference example as written (shortened by overrides), errors, stops. */
class ExecutorTest {
  private static final String TINY =
      String.join(
          "\n",
          "experiment \"tiny\" seed 3",
          "task add = addition(digits: 2..3)",
          "task add_test = addition(digits: 2..3, count: 16)",
          "model policy = gpt(layers: 1, heads: 2, dim: 16, context: 48)",
          "sampling greedy = sample(temperature: 0, max_tokens: 40)",
          "");

  @TempDir Path dir;

  private Path referenceExample() throws IOException {
    Path source = Path.of("src/test/resources/plans");
    Files.createDirectories(dir.resolve("data"));
    Files.copy(source.resolve("data/problems.jsonl"), dir.resolve("data/problems.jsonl"));
    Path file = dir.resolve("reference.verity");
    Files.copy(source.resolve("reference.verity"), file);
    return file;
  }

  @Test
  void theReferenceExampleRunsAsWrittenWithEveryStatementDoingItsPart() throws IOException {
    Path file = referenceExample();
    Overrides shorter =
        Overrides.parse(
            "policy.layers=1", "policy.dim=32", "policy.heads=2", "sft.steps=3", "sft.batch=8", "rl.steps=2",
            "rl.prompts=4", "explore.per_prompt=4", "explore.max_tokens=63", "greedy.max_tokens=63",
            "add_test.count=8");
    List<String> stages = new ArrayList<>();
    try (Session session = new Session(dir, Optional.empty())) {
      Outcome outcome =
          Cells.run(session, Files.readString(file), "reference.verity", shorter, new ExecutionListener() {
            @Override
            public void stageStarted(String stage, String kind, String model, int steps) {
              stages.add(kind + " " + stage + " " + steps);
            }
          });
      assertInstanceOf(Outcome.Done.class, outcome, () -> outcome.toString());
      List<Object> out = outcome.outputs();
      assertTrue(((Verdict) out.get(0)).passed());
      assertTrue(((Verdict) out.get(1)).passed());
      assertEquals(List.of("sft sft#1 3", "rl rl#1 2"), stages);
      assertEquals(3, session.stage("sft#1").orElseThrow().metrics().size());
      List<StepMetrics> rl = session.stage("rl#1").orElseThrow().metrics();
      assertEquals(2, rl.size());
      assertTrue(rl.stream().allMatch(m -> Double.isFinite(m.kl()) && Double.isFinite(m.rewardMean())));
      assertEquals(2 * 4 * 4, session.stage("rl#1").orElseThrow().rollouts().size());
      assertTrue(out.stream().anyMatch(o -> o instanceof Chart));
      assertTrue(out.stream().anyMatch(o -> o instanceof Table t && t.name().startsWith("last 8 rollouts")));
      assertTrue(Files.isRegularFile(dir.resolve("checkpoints/policy")));
    }
  }

  @Test
  void aRunTimeFailureNamesTheStatementsLineAndColumnAndKeepsEarlierOutputs() {
    try (Session session = new Session(dir, Optional.empty())) {
      String cell = TINY + "reward r = exact_answer()\ncheck r(response: \"4\", answer: \"4\") == 1\n  load policy from \"missing.ckpt\"\n";
      Outcome outcome = Cells.run(session, cell, "cell[1]", Overrides.NONE, ExecutionListener.NONE);
      Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
      String rendered = failed.diagnostics().render();
      assertTrue(rendered.startsWith("cell[1]:8:3: error: no checkpoint at "), rendered);
      assertTrue(rendered.contains("^^^^"), rendered);
      assertEquals(1, failed.outputs().size());
    }
  }

  @Test
  void aStopRequestEndsTheStageAfterTheStepInFlightAndTheModelStaysUsable() {
    try (Session session = new Session(dir, Optional.empty())) {
      AtomicInteger steps = new AtomicInteger();
      String cell = TINY + "sft policy on add { steps: 50, batch: 8 }\neval policy on add_test with greedy\n";
      Outcome outcome = Cells.run(session, cell, "cell[1]", Overrides.NONE, new ExecutionListener() {
        @Override
        public void step(StepMetrics metrics) {
          if (steps.incrementAndGet() == 4) {
            session.requestStop();
          }
        }
      });
      Outcome.Stopped stopped = assertInstanceOf(Outcome.Stopped.class, outcome);
      assertEquals(4, stopped.interruption().stepsDone());
      assertEquals(4, session.stage("sft#1").orElseThrow().metrics().size());
      Outcome next =
          Cells.run(session, "eval policy on add_test with greedy", "cell[2]", Overrides.NONE, ExecutionListener.NONE);
      assertInstanceOf(Outcome.Done.class, next);
    }
  }

  @Test
  void aHeadlessStopDuringAnEvaluationEndsTheRunBeforeTheNextStatementEvenInALaterCell() {
    try (Session session = new Session(dir, Optional.empty())) {
      session.setStopEndsRun(true);
      String text = TINY + "eval policy on add_test with greedy\n# %%\nsft policy on add { steps: 5, batch: 4 }\n";
      AtomicInteger steps = new AtomicInteger();
      Outcome outcome = Cells.runScript(session, session.compile(text, "run.verity", Overrides.NONE), text,
          "run.verity", new ExecutionListener() {
            @Override
            public void output(Object value) {
              session.requestStop(); // Ctrl-C while the evaluation ran: seen once it ends
            }

            @Override
            public void step(StepMetrics metrics) {
              steps.incrementAndGet();
            }
          }, false);
      Outcome.Stopped stopped = assertInstanceOf(Outcome.Stopped.class, outcome, outcome::toString);
      assertEquals("interrupted before the statement at line 8; everything before it ran and is recorded",
          stopped.interruption().getMessage());
      assertEquals(0, steps.get(), "the stage after the evaluation never started");
      assertEquals(1, stopped.outputs().size(), "the evaluation's table");
    }
  }

  @Test
  void aNotebookStopDuringAnEvaluationEndsTheCellBeforeItsNextStatementAndTheNextCellRuns() {
    try (Session session = new Session(dir, Optional.empty())) {
      AtomicInteger steps = new AtomicInteger();
      ExecutionListener listener = new ExecutionListener() {
        @Override
        public void output(Object value) {
          session.requestStop(); // the kernel's interrupt while the evaluation ran
        }

        @Override
        public void step(StepMetrics metrics) {
          steps.incrementAndGet();
        }
      };
      Outcome outcome = Cells.run(session, TINY + "eval policy on add_test with greedy\nsft policy on add { steps: 5,"
          + " batch: 4 }\n", "cell[1]", Overrides.NONE, listener);
      Outcome.Stopped stopped = assertInstanceOf(Outcome.Stopped.class, outcome, outcome::toString);
      assertEquals(7, stopped.interruption().line());
      assertEquals("", stopped.interruption().stage(), "no stage was cut short");
      assertEquals(0, steps.get(), "the stage after the evaluation never started");
      Outcome next = Cells.run(session, "sft policy on add { steps: 2, batch: 4 }", "cell[2]", Overrides.NONE,
          ExecutionListener.NONE);
      assertInstanceOf(Outcome.Done.class, next, "a new cell starts afresh");
    }
  }

  @Test
  void aStopDuringALargeEvaluationEndsItWithoutWaitingForTheRestAndKeepsNothingOfIt() {
    try (Session session = new Session(dir, Optional.empty())) {
      String big = "task big = addition(digits: 2..3, count: 64)\n"
          + "sampling many = sample(temperature: 1, max_tokens: 40, per_prompt: 64)\n"
          + "eval small: policy on add_test with greedy\n"
          + "eval large: policy on big with many\n"; // 4,096 sequences: 16 batches
      long[] stopAsked = {0};
      ExecutionListener listener = new ExecutionListener() {
        @Override
        public void output(Object value) {
          if (session.eval("small").isEmpty() || stopAsked[0] != 0) {
            return; // the model's summary, say: wait for the small evaluation's table, as the large one starts
          }
          stopAsked[0] = -1;
          Thread stopper = new Thread(() -> {
            sleep(150);
            stopAsked[0] = System.nanoTime();
            session.requestStop();
          });
          stopper.setDaemon(true);
          stopper.start();
        }
      };
      Outcome outcome = Cells.run(session, TINY + big, "cell[1]", Overrides.NONE, listener);
      double afterStop = (System.nanoTime() - stopAsked[0]) / 1e9;
      Outcome.Stopped stopped = assertInstanceOf(Outcome.Stopped.class, outcome, outcome::toString);
      assertEquals(9, stopped.interruption().line(), "the large evaluation's line: it did not finish");
      assertTrue(session.eval("small").isPresent());
      assertTrue(session.eval("large").isEmpty(), "nothing of a stopped evaluation is kept");
      assertTrue(afterStop < 2, "ended " + afterStop + " s after the stop: within a batch, not the whole set");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void namesBoundInOneCellServeTheNextAndCopiesAreIndependent() {
    try (Session session = new Session(dir, Optional.empty())) {
      assertInstanceOf(Outcome.Done.class, Cells.run(session, TINY, "cell[1]", Overrides.NONE, ExecutionListener.NONE));
      Outcome second = Cells.run(session, "model frozen = copy(policy)\nsft policy on add { steps: 2, batch: 4 }",
          "cell[2]", Overrides.NONE, ExecutionListener.NONE);
      assertInstanceOf(Outcome.Done.class, second);
      float[] trained = session.policy("policy").weights().get("wte").toFloatArray();
      float[] frozen = session.policy("frozen").weights().get("wte").toFloatArray();
      assertFalse(java.util.Arrays.equals(trained, frozen), "training the original must not move the copy");
      Outcome third = Cells.run(session, "model again = copy(frozen)", "cell[3]", Overrides.NONE, ExecutionListener.NONE);
      assertInstanceOf(Outcome.Done.class, third);
      assertArrayEquals(frozen, session.policy("again").weights().get("wte").toFloatArray());
    }
  }

  @Test
  void aCellWithACheckErrorRunsNothing() {
    try (Session session = new Session(dir, Optional.empty())) {
      Outcome outcome = Cells.run(session, TINY + "sft policy on add { steps: 2 }\nreward r = corect\n", "cell[1]",
          Overrides.NONE, ExecutionListener.NONE);
      Outcome.Rejected rejected = assertInstanceOf(Outcome.Rejected.class, outcome);
      assertTrue(rejected.diagnostics().render().contains("cell[1]:7:12: error: unknown reward 'corect'"), rejected.diagnostics().render());
      assertTrue(session.stages().isEmpty());
    }
  }

  @Test
  void aFileRunsCellByCellAndAnOverrideNeedsToMatchOnlySomeCell() {
    try (Session session = new Session(dir, Optional.empty())) {
      String file = "# %%\n" + TINY + "# %%\nsft warm: policy on add { steps: 50, batch: 4 }\n";
      Outcome outcome = Cells.runScript(session, file, "two.verity", Overrides.parse("sft.steps=2"),
          ExecutionListener.NONE, false);
      assertInstanceOf(Outcome.Done.class, outcome, outcome::toString);
      assertEquals(2, session.stage("warm").orElseThrow().metrics().size());
    }
  }

  @Test
  void aDivergingStageStopsWithAnErrorThatSaysWhatToChange() {
    try (Session session = new Session(dir, Optional.empty())) {
      Outcome outcome = Cells.run(session, TINY + "sft policy on add { steps: 20, batch: 4, lr: constant(1e6) }\n",
          "cell[1]", Overrides.NONE, ExecutionListener.NONE);
      Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
      String rendered = failed.diagnostics().render();
      assertTrue(rendered.startsWith("cell[1]:6:1: error: training diverged: the loss became NaN at step"), rendered);
      assertTrue(rendered.contains("lower the learning rate"), rendered);
      assertTrue(session.stage("sft#1").orElseThrow().metrics().size() < 20, "it stopped early");
    }
  }

  @Test
  void anEvaluationOfFewerProblemsOfAFrozenTaskTakesItsCountWhicheverRanFirst() {
    try (Session session = new Session(dir, Optional.empty())) {
      String cell = TINY + "eval whole: policy on add_test with greedy\n"
          + "eval few: policy on add_test with greedy { count: 4 }\n"
          + "eval again: policy on add_test with greedy\n";
      assertInstanceOf(Outcome.Done.class, Cells.run(session, cell, "cell[1]", Overrides.NONE,
          ExecutionListener.NONE));
      assertEquals(16, session.eval("whole").orElseThrow().overall().problems());
      assertEquals(4, session.eval("few").orElseThrow().overall().problems());
      assertEquals(16, session.eval("again").orElseThrow().overall().problems());
      assertEquals(session.eval("whole").orElseThrow().samples().subList(0, 4).stream().map(EvalReport.Sample::prompt)
          .toList(), session.eval("few").orElseThrow().samples().stream().map(EvalReport.Sample::prompt).toList(),
          "the first four problems of the whole set");
    }
  }

  @Test
  void aRewardThatIsNotANumberStopsTheStageAtTheRewardBeforeItTrains() {
    try (Session session = new Session(dir, Optional.empty())) {
      String cell = TINY + "reward big = len * 1e308\n"
          + "sampling explore = sample(per_prompt: 2, max_tokens: 8)\n"
          + "rl policy on add { reward: big, sampling: explore, prompts: 2, steps: 3 }\n";
      Outcome outcome = Cells.run(session, cell, "cell[1]", Overrides.NONE, ExecutionListener.NONE);
      Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
      String rendered = failed.diagnostics().render();
      assertTrue(rendered.startsWith("cell[1]:6:1: error: rl#1 step 1: reward 'big' is Infinity for the prompt '"),
          rendered);
      assertTrue(rendered.contains("' and the response '"), rendered);
      assertTrue(rendered.contains("A reward must be a finite number"), rendered);
      assertFalse(rendered.contains("learning rate"), rendered);
      assertTrue(session.stage("rl#1").orElseThrow().metrics().isEmpty(), "no step trained on it");
      assertTrue(session.stage("rl#1").orElseThrow().rollouts().isEmpty(), "no rollout recorded with it");
    }
  }

  @Test
  void aRewardOfAnEarlierCellIsNamedThereWithoutALineOfThisCell() {
    try (Session session = new Session(dir, Optional.empty())) {
      String declared = TINY + "reward big = len * 1e308\n";
      assertInstanceOf(Outcome.Done.class, Cells.run(session, declared, "cell[1]", Overrides.NONE,
          ExecutionListener.NONE));
      String cell = "sampling explore = sample(per_prompt: 2, max_tokens: 8)\n"
          + "rl policy on add { reward: big, sampling: explore, prompts: 2, steps: 3 }\n";
      Outcome outcome = Cells.run(session, cell, "cell[2]", Overrides.NONE, ExecutionListener.NONE);
      String rendered = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString).diagnostics().render();
      assertTrue(rendered.startsWith("cell[1]:6:1: error: rl#1 step 1: reward 'big' is Infinity"), rendered);
      assertFalse(rendered.contains("\n"), "no line of cell[2] quoted under cell[1]'s place: " + rendered);
    }
  }

  @Test
  void aRewardTooLargeToCompareStopsTheStageAtTheRewardBeforeItTrains() {
    try (Session session = new Session(dir, Optional.empty())) {
      // finite (at most 1.08e308), but a group's sum overflows when its lengths differ
      String cell = TINY + "reward huge = 1e308 + len * 1e306\n"
          + "sampling explore = sample(per_prompt: 4, max_tokens: 8)\n"
          + "rl policy on add { reward: huge, sampling: explore, prompts: 2, steps: 3 }\n";
      Outcome outcome = Cells.run(session, cell, "cell[1]", Overrides.NONE, ExecutionListener.NONE);
      Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
      String rendered = failed.diagnostics().render();
      assertTrue(rendered.startsWith("cell[1]:6:1: error: rl#1 step 1: reward 'huge' is 1.0"),
          rendered);
      assertTrue(rendered.contains("too large to compare with the other samples"), rendered);
      assertTrue(rendered.contains("A reward must be a finite number of a workable size"), rendered);
      assertTrue(session.stage("rl#1").orElseThrow().metrics().isEmpty(), "no step trained on it");
    }
  }

  @Test
  void plotsCompareStagesByTheirPeriodicEvaluationsOneSeriesEach() {
    try (Session session = new Session(dir, Optional.empty())) {
      String cell = TINY + String.join("\n",
          "model other = copy(policy)",
          "sft a: policy on add { steps: 4, batch: 4, eval: add_test with greedy every 2 }",
          "sft b: other on add { steps: 4, batch: 4, eval: add_test with greedy every 2 }",
          "plot eval_accuracy by step for a, b",
          "plot accuracy by step for a",
          "");
      Outcome outcome = Cells.run(session, cell, "cell[1]", Overrides.NONE, ExecutionListener.NONE);
      assertInstanceOf(Outcome.Done.class, outcome, outcome::toString);
      Chart compared = (Chart) outcome.outputs().get(outcome.outputs().size() - 2);
      assertEquals(List.of("a eval_accuracy", "b eval_accuracy"), compared.series().stream().map(s -> s.name()).toList());
      assertArrayEquals(new double[] {0, 2, 4}, compared.series().get(0).x()); // 0: before the first update
      Chart alone = (Chart) outcome.outputs().get(outcome.outputs().size() - 1);
      assertEquals(2, alone.series().size(), "one stage: its metric and its evaluation's");
    }
  }

  @Test
  void aLoadedModelWhoseAlphabetLacksATasksCharactersSaysWhichAndWhatToDo() throws IOException {
    Files.writeString(dir.resolve("words.jsonl"), "{\"question\": \"how much is 2+2?\", \"answer\": \"4\"}\n");
    try (Session session = new Session(dir, Optional.empty())) {
      assertInstanceOf(Outcome.Done.class, Cells.run(session, TINY + "save policy to \"ck\"\n", "cell[1]",
          Overrides.NONE, ExecutionListener.NONE));
      String cell = "task words = jsonl(\"words.jsonl\", prompt: \"question\", answer: \"answer\")\n"
          + "load fresh from \"ck\"\neval fresh on words with greedy\n";
      Outcome outcome = Cells.run(session, cell, "cell[2]", Overrides.NONE, ExecutionListener.NONE);
      Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
      String rendered = failed.diagnostics().render();
      assertTrue(rendered.startsWith("cell[2]:3:1: error: model 'fresh' cannot read task 'words': its alphabet \""),
          rendered);
      assertTrue(rendered.contains("lacks '?', 'h', 'i', 'm', 'o', 's', 'u', 'w'; a model reads the characters"),
          rendered);
    }
  }

  @Test
  void aRunTrainsOnTheDataItsCheckReadWithoutReadingTheFileAgain() throws IOException {
    Path data = dir.resolve("words.jsonl");
    Files.writeString(data, "{\"question\": \"1+1=\", \"answer\": \"2\"}\n");
    try (Session session = new Session(dir, Optional.empty())) {
      var compiled = session.compile("task t = jsonl(\"words.jsonl\", prompt: \"question\", answer: \"answer\")\n"
          + "model p = gpt(layers: 1, heads: 2, dim: 16, context: 48)\nsft p on t { steps: 2, batch: 2 }\n",
          "cell[1]", Overrides.NONE);
      assertTrue(compiled.ok(), compiled.diagnostics().render());
      Files.writeString(data, "{\"question\": \"1+1=\", \"answer\": \"2\"\n"); // broken after the check
      new Executor(session, ExecutionListener.NONE).run(compiled.plan().orElseThrow());
      assertEquals(List.of("sft"), session.stages().values().stream().map(StageRecord::kind).toList(),
          "the stage trained on the problems the check read and validated");
    }
  }

}
