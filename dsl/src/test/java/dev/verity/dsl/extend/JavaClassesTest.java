package dev.verity.dsl.extend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.diag.Diagnostic;
import dev.verity.dsl.exec.Cells;
import dev.verity.dsl.exec.ExecutionListener;
import dev.verity.dsl.exec.Outcome;
import dev.verity.dsl.exec.Session;
import dev.verity.dsl.exec.StageRecord;
import dev.verity.dsl.plan.Action;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.run.EvalRow;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.train.StepMetrics;
import dev.verity.engine.user.JavaClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks and reward terms from a user's jar ({@code --classpath}), named by class: checked at check time (the class,
 * its interface, its arguments), run end to end, and unable to take a run down when they throw or loop.
 */
class JavaClassesTest {
  @TempDir static Path jarDir;
  @TempDir Path dir;
  private static Path jar;

  @BeforeAll
  static void buildJar() throws Exception {
    jar = UserJar.build(jarDir);
  }

  private static final String EXPERIMENT = """
      task rev      = java("tasks.Reverse", length: 1..3)
      task rev_test = java("tasks.Reverse", length: 3, count: 4)
      model m = gpt(layers: 1, heads: 2, dim: 32, context: 24)
      reward partial = exact_answer() + 0.5 * java("rewards.PartialCredit") + java("rewards.Shorter", weight: 0.1)
      check partial(prompt: "ab=", response: "b|a|>ba", answer: "ba", task: rev) > 1.4
      check partial(prompt: "ab=", response: "b|a|>bb", answer: "ba", task: rev) < 0.3
      sampling s = sample(per_prompt: 2, max_tokens: 12)
      sampling greedy = sample(temperature: 0, max_tokens: 12)
      sft m on rev { traces: scratchpad, steps: 5, batch: 8 }
      rl m on rev { reward: partial, sampling: s, prompts: 2, steps: 2, curriculum: linear(length: 1..1 -> 1..3) }
      eval m on rev_test with greedy
      """;

  @Test
  void aTaskAndRewardTermsFromAJarCheckAndRun() {
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)))) {
      Compilation checked = Compiler.compile(EXPERIMENT, "java.verity", dir);
      assertTrue(checked.ok(), checked.diagnostics().render());
      try (Session session = new Session(dir, Optional.empty())) {
        Outcome outcome = Cells.run(session, EXPERIMENT, "java.verity", Overrides.NONE, ExecutionListener.NONE);
        assertInstanceOf(Outcome.Done.class, outcome, outcome::toString);
        StageRecord rl = session.stage("rl#1").orElseThrow();
        assertEquals(List.of(0.0, 0.0), rl.metrics().stream().map(m -> m.get(Metric.USER_CODE_ERRORS)).toList());
        assertTrue(rl.rollouts().get(0).terms().containsKey("PartialCredit"), () -> rl.rollouts().get(0).toString());
        assertEquals(4, session.eval("eval#1").orElseThrow().overall().problems());
        StageRecord sft = session.stage("sft#1").orElseThrow();
        assertTrue(Double.isNaN(sft.metrics().get(0).get(Metric.USER_CODE_ERRORS)), "sft calls no user code");
      }
    }
  }

  @Test
  void anEvaluationCountsItsJavaVerifiersFailedCallsInEvalCsvAndOneOfBuiltInsLeavesThemEmpty() throws Exception {
    String cell = """
        experiment "evals" seed 2
        task bad = java("tasks.BadVerifier", fails: throws, length: 1..2, count: 8)
        task rev = java("tasks.Reverse", length: 1..2, count: 8)
        task add = addition(digits: 1..1, count: 8)
        model m = gpt(layers: 1, heads: 2, dim: 16, context: 24)
        sampling s = sample(per_prompt: 4, max_tokens: 12)
        eval m on bad with s
        eval m on rev with s
        eval m on add with s
        """;
    Recorder recorder = Recorder.start(dir.resolve("run"), "evals", Clock.systemDefaultZone(), Optional.of(cell),
        RunSettings.of(2, TorchRuntime.threads(), "cpu"));
    List<Object> outputs;
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)));
        Session session = new Session(dir, Optional.of(recorder))) {
      Outcome outcome = Cells.run(session, cell, "evals.verity", Overrides.NONE, ExecutionListener.NONE);
      assertInstanceOf(Outcome.Done.class, outcome, outcome::toString);
      outputs = outcome.outputs();
    }
    List<EvalRow> evals = recorder.directory().records().eval();
    assertEquals(List.of("bad", "rev", "add"), evals.stream().map(EvalRow::task).toList());
    double failed = evals.get(0).get(Metric.USER_CODE_ERRORS);
    assertTrue(failed > 0 && failed == Math.rint(failed), "each finished response's verify threw: " + failed);
    assertEquals(0, evals.get(0).accuracy(), "and counted it wrong");
    assertEquals(0, evals.get(1).get(Metric.USER_CODE_ERRORS), "a java verifier that works fails no call");
    assertTrue(Double.isNaN(evals.get(2).get(Metric.USER_CODE_ERRORS)), "a built-in task calls no user code");
    List<String> csv = Files.readAllLines(recorder.path().resolve(RunDirectory.EVAL));
    assertTrue(csv.get(0).endsWith(",uncorrected_error_rate,user_code_errors"), "appended last: " + csv.get(0));
    assertTrue(csv.get(3).endsWith(","), "left empty for the built-in task: " + csv.get(3));
    double byLevel = recorder.directory().records().evalLevels().stream().filter(l -> l.task().equals("bad"))
        .mapToDouble(l -> l.get(Metric.USER_CODE_ERRORS)).sum();
    assertEquals(failed, byLevel, "the levels' counts add up to the evaluation's");
    assertTrue(((Table) outputs.get(0)).columnNames().contains("user_code_errors"));
    assertFalse(((Table) outputs.get(2)).columnNames().contains("user_code_errors"),
        "the table of an evaluation of built-ins shows what it always showed");
  }

  @Test
  void anOverrideSetsAnArgumentOfAJavaTask() {
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)))) {
      Compilation overridden = Compiler.compile("task rev = java(\"tasks.Reverse\", length: 1..3)", "o.verity", dir,
          Environment.EMPTY, Overrides.parse("rev.length=2..4"));
      assertTrue(overridden.ok(), overridden.diagnostics().render());
      Action.DeclareTask declared = (Action.DeclareTask) overridden.plan().orElseThrow().steps().get(0);
      assertEquals(new LevelRange(2, 4), declared.spec().args().range("length"));
      assertEquals("reverse", declared.spec().type().name());
    }
  }

  @Test
  void theCheckerFindsTheClassItsInterfaceAndItsArguments() {
    String cell = """
        task a = java("tasks.Missing")
        task b = java("tasks.NotATask")
        reward c = java("tasks.Reverse")
        task d = java("tasks.Reverse", length: 1..9)
        task e = java("tasks.Reverse", size: 2)
        reward f = java("rewards.Shorter", weight: 2)
        reward g = java("rewards.PartialCredit", weight: 1)
        task h = java(length: 1)
        task i = java("not a class")
        """;
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)))) {
      List<String> errors = Compiler.compile(cell, "bad.verity", dir).diagnostics().list().stream()
          .map(Diagnostic::headline).toList();
      assertEquals(List.of(
          "bad.verity:1:15: error: no Java class 'tasks.Missing' (searched the --classpath " + jar + "): check its"
              + " name and package, and that its jar or Java cell is given",
          "bad.verity:2:15: error: class NotATask is not a task: it implements neither dev.verity.engine.task.Task"
              + " nor dev.verity.engine.task.TaskType",
          "bad.verity:3:17: error: class Reverse is not a reward term: implement"
              + " dev.verity.engine.user.RewardFunction (double score(Rollout rollout))",
          "bad.verity:4:40: error: 'length' must lie within 1..8, got 1..9",
          "bad.verity:5:32: error: unknown argument 'size' for reverse; expected length, count",
          "bad.verity:6:44: error: 'weight' must be 0..1, got 2",
          "bad.verity:7:42: error: unknown argument 'weight' for PartialCredit (it takes none)",
          "bad.verity:8:15: error: java(…) names its class first, as a string: java(\"Palindromes\", level: 1..4)",
          "bad.verity:9:15: error: 'not a class' is not a Java class name: write the class's name, with its package"
              + " when it has one, e.g. java(\"org.example.Palindromes\", level: 1..4)"), errors);
    }
    assertEquals("x.verity:1:15: error: no Java class 'tasks.Reverse' (no Java classes are given: pass a jar with"
        + " --classpath lib/tasks.jar, or define the class in a %%java cell of a notebook): check its name and"
        + " package, and that its jar or Java cell is given",
        Compiler.compile("task t = java(\"tasks.Reverse\")", "x.verity", dir).diagnostics().list().get(0).headline());
  }

  @Test
  void userCodeTheCheckerCallsThatNeverReturnsIsReportedAtTheClassNameWithinItsLimit() {
    String cell = """
        reward r = java("rewards.Stuck")
        task t = java("tasks.StuckType", length: 2)
        task u = java("tasks.BadVerifier", fails: alphabet)
        """;
    String fix = " ran longer than 1 s when checked: it must return at once; look for a loop that never ends or a"
        + " wait that is never answered";
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)))) {
      long start = System.nanoTime();
      List<String> errors = Compiler.compile(cell, "stuck.verity", dir).diagnostics().list().stream()
          .map(Diagnostic::headline).toList();
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(List.of(
          "stuck.verity:1:17: error: new Stuck()" + fix,
          "stuck.verity:2:15: error: new StuckType()" + fix,
          "stuck.verity:3:15: error: BadVerifier.alphabet()" + fix), errors);
      assertTrue(seconds < 10, "each call stopped at its limit of 1 s, the check over after " + seconds + " s");
    }
  }

  @Test
  void aTaskMethodTheCheckerCallsThatThrowsIsReportedOnceAtTheClassNameNamingTheMethod() {
    String cell = """
        task a = java("tasks.Throwing", fails: alphabet)
        task b = java("tasks.Throwing", fails: longest)
        task add = addition(digits: 1..1)
        task add_test = addition(digits: 1..1, count: 8)
        model m = gpt(layers: 1, heads: 2, dim: 16, context: 24)
        sampling s = sample(per_prompt: 2, max_tokens: 8)
        sft m on add { steps: 1, batch: 4 }
        eval m on add_test with s
        """;
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)))) {
      List<String> errors = Compiler.compile(cell, "throws.verity", dir).diagnostics().list().stream()
          .map(Diagnostic::headline).toList();
      assertEquals(List.of(
          "throws.verity:1:15: error: Throwing.alphabet threw java.lang.RuntimeException: boom alphabet",
          "throws.verity:2:15: error: Throwing.longestPrompt threw java.lang.ArithmeticException: boom longest"),
          errors, "no internal error, and no error at the statements using the model");
    }
  }

  @Test
  void aGeneratorOrTraceThatThrowsStopsTheStageNamingTheMethodAsAFailingVerifierIsNamed() {
    for (String fails : List.of("generate", "trace")) {
      String cell = """
          task t = java("tasks.Throwing", fails: %s)
          model m = gpt(layers: 1, heads: 2, dim: 16, context: 24)
          sft m on t { traces: scratchpad, steps: 2, batch: 4 }
          """.formatted(fails);
      try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)));
          Session session = new Session(dir, Optional.empty())) {
        Compilation checked = Compiler.compile(cell, "gen.verity", dir);
        assertTrue(checked.ok(), checked.diagnostics().render());
        Outcome outcome = Cells.run(session, cell, "gen.verity", Overrides.NONE, ExecutionListener.NONE);
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome::toString);
        assertEquals(List.of("gen.verity:3:1: error: Throwing." + fails + " threw java.lang.IllegalStateException: "
            + (fails.equals("generate") ? "gen boom" : "trace boom")),
            failed.diagnostics().list().stream().map(Diagnostic::headline).toList());
      }
    }
  }

  @Test
  void aVerifierThatThrowsOrLoopsScoresZeroAndTheRunGoesOn() {
    String cell = """
        task bad   = java("tasks.BadVerifier", fails: throws)
        task stuck = java("tasks.BadVerifier", fails: loops)
        model m = gpt(layers: 1, heads: 2, dim: 32, context: 24)
        reward r = exact_answer() + java("rewards.Throws")
        check r(prompt: "ab=", response: ">ba", answer: "ba", task: stuck) == 0
        sampling s = sample(per_prompt: 2, max_tokens: 8)
        rl m on bad { reward: r, sampling: s, prompts: 2, steps: 2 }
        """;
    List<Finding> findings = new ArrayList<>();
    ExecutionListener listener = new ExecutionListener() {
      @Override
      public void finding(Finding finding) {
        if (finding.rule().equals("user_code")) { // not the doctor's, on a policy that has not learnt to stop
          findings.add(finding);
        }
      }
    };
    try (JavaClasses.Registration classes = JavaClasses.use(JavaClasses.ofJars(List.of(jar)));
        Session session = new Session(dir, Optional.empty())) {
      long start = System.nanoTime();
      Outcome outcome = Cells.run(session, cell, "bad.verity", Overrides.NONE, listener);
      assertInstanceOf(Outcome.Done.class, outcome, outcome::toString);
      assertTrue((System.nanoTime() - start) / 1e9 < 60, "the looping verifier was stopped at its limit");
      List<StepMetrics> rl = session.stage("rl#1").orElseThrow().metrics();
      assertEquals(2, rl.size(), "the run went on to its last step");
      for (StepMetrics step : rl) {
        assertTrue(step.get(Metric.USER_CODE_ERRORS) >= 4, "every rollout's Throws term failed: " + step);
        assertEquals(0, step.rewardMean(), "each failing call scored 0");
      }
      assertEquals(1, findings.size(), "reported once: " + findings);
      Finding first = findings.get(0);
      assertEquals("user_code", first.rule());
      assertTrue(first.message().contains(" calls of user code failed and scored 0 (user_code_errors); the first: ")
          && first.message().matches(".*(BadVerifier\\.verify threw java\\.lang\\.IllegalStateException: the verifier"
              + " broke on [ab]+=|Throws\\.score threw java\\.lang\\.ArithmeticException: no reward for [ab]+=)$"),
          first.message());
    }
  }
}
