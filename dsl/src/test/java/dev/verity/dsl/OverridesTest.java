package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.plan.Action;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code verity run FILE --set name=value}: kinds, declared names, labels, and errors in the override itself. */
class OverridesTest {
  private static final String FILE = """
      experiment "long" seed 7
      task add = addition(digits: 2..6)
      task add_test = addition(digits: 2..6, count: 256)
      model policy = gpt()
      reward correct = exact_answer()
      sampling explore = sample(per_prompt: 8)
      sampling greedy = sample(temperature: 0)
      sft policy on add { steps: 2000, batch: 64 }
      rl first: policy on add { reward: correct, sampling: explore, steps: 300 }
      rl second: policy on add { reward: correct, sampling: explore, steps: 300 }
      eval policy on add_test
      """;

  private static Compilation compile(String... sets) {
    return Compiler.compile(FILE, "long.verity", Path.of("."), Environment.EMPTY, Overrides.parse(sets));
  }

  private static <T extends Action> List<T> steps(Compilation c, Class<T> type) {
    assertTrue(c.ok(), c.diagnostics().render());
    return c.plan().orElseThrow().steps().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void aKindSetsEveryStatementOfThatKind() {
    Compilation c = compile("rl.steps=20", "sft.steps=50", "sft.batch=32", "rl.prompts=8", "eval.count=16");
    assertEquals(List.of(20, 20), steps(c, Action.Rl.class).stream().map(r -> r.spec().steps()).toList());
    assertEquals(List.of(8, 8), steps(c, Action.Rl.class).stream().map(r -> r.spec().prompts()).toList());
    Action.Sft sft = steps(c, Action.Sft.class).get(0);
    assertEquals(50, sft.spec().steps());
    assertEquals(32, sft.spec().batch());
    assertEquals(16, steps(c, Action.Eval.class).get(0).task().count());
  }

  @Test
  void aNameSetsOneDeclarationOrLabelledStage() {
    Compilation c = compile("explore.per_prompt=4", "add_test.count=64", "policy.dim=64", "experiment.seed=3",
        "second.steps=5");
    assertEquals(4, steps(c, Action.DeclareSampling.class).get(0).spec().perPrompt());
    assertEquals(64, steps(c, Action.DeclareTask.class).get(1).spec().count());
    assertEquals(64, steps(c, Action.DeclareModel.class).get(0).spec().dim());
    assertEquals(3, steps(c, Action.Experiment.class).get(0).seed());
    assertEquals(List.of(300, 5), steps(c, Action.Rl.class).stream().map(r -> r.spec().steps()).toList());
  }

  @Test
  void theValueIsDslSource() {
    Compilation c = compile("sft.lr=cosine(1e-3 -> 1e-4, warmup: 10)", "rl.algorithm=grpo(clip: 0.1)");
    assertEquals(new dev.verity.engine.optim.Schedule.Cosine(1e-3, 1e-4, 10),
        steps(c, Action.Sft.class).get(0).spec().lr());
    assertEquals(new dev.verity.engine.rl.Algorithm.Grpo(0.1), steps(c, Action.Rl.class).get(0).spec().algorithm());
  }

  /** The advice for eval: reads TASK with SAMPLING every N; --set takes that form too, as the file does. */
  @Test
  void aPeriodicEvaluationIsSetAsItIsWritten() {
    Compilation c = compile("first.eval=add_test with greedy every 25", "second.eval=add_test every 50");
    List<Action.Rl> rl = steps(c, Action.Rl.class);
    dev.verity.engine.rl.PeriodicEval first = rl.get(0).spec().eval().orElseThrow();
    assertEquals("add_test", first.name());
    assertEquals(25, first.every());
    assertEquals(0, first.sampling().temperature().value(0, 1));
    assertEquals(50, rl.get(1).spec().eval().orElseThrow().every());
  }

  @Test
  void aWithClauseWhereNoSettingTakesOneIsAnErrorInTheOverride() {
    Compilation c = compile("rl.steps=20 with greedy");
    assertFalse(c.ok());
    String error = c.diagnostics().list().get(0).render();
    assertTrue(error.startsWith("--set rl.steps:1:10: error: "), error);
    assertTrue(error.contains("a 'with' clause"), error);
  }

  @Test
  void anEvaluationWithoutEveryIsAskedForItInAFormTheOverrideTakes() {
    Compilation c = compile("rl.eval=add_test with greedy");
    assertFalse(c.ok());
    String error = c.diagnostics().list().get(0).render();
    assertTrue(error.startsWith("--set rl.eval:1:9: error: say how often to evaluate"), error);
    String advice = error.substring(error.indexOf("eval: ") + "eval: ".length(), error.indexOf('\n'));
    Compilation followed = compile("rl.eval=" + advice);
    assertTrue(followed.ok(), () -> "the advice '" + advice + "' as an override:\n" + followed.diagnostics().render());
  }

  @Test
  void errorsPointIntoTheOverride() {
    Compilation c = compile("rl.steps=0");
    assertFalse(c.ok());
    assertEquals("""
        --set rl.steps:1:10: error: 'steps' must be ≥ 1, got 0
          rl.steps=0
                   ^""", c.diagnostics().list().get(0).render());
  }

  @Test
  void aRefusalInTheFileThatAnOverrideTakesPartInNamesTheOverride() {
    Compilation c = compile("policy.heads=3");
    assertFalse(c.ok());
    String headline = c.diagnostics().list().get(0).headline();
    assertTrue(headline.startsWith("long.verity:4:"), headline); // the call, where dim and heads meet
    assertTrue(headline.endsWith("is not divisible by heads 3: use a multiple of 3 such as 126 (with --set"
        + " policy.heads=3)"), headline);
  }

  @Test
  void seedIsShortForTheExperimentsSeed() {
    Compilation c = compile("seed=11");
    assertEquals(11, steps(c, Action.Experiment.class).get(0).seed());
    assertEquals("long", steps(c, Action.Experiment.class).get(0).name());
  }

  @Test
  void aBadSeedIsReportedInItsOwnText() {
    Compilation c = compile("seed=-1");
    assertFalse(c.ok());
    assertEquals("""
        --set seed:1:6: error: the seed must be ≥ 0, got -1
          seed=-1
               ^^""", c.diagnostics().list().get(0).render());
  }

  @Test
  void aSeedForAFileWithoutAnExperimentStatementSaysToAddOne() {
    Compilation c = Compiler.compile("task add = addition(digits: 1..2)\n", "plain.verity", Path.of("."),
        Environment.EMPTY, Overrides.parse("seed=2"));
    assertEquals("--set seed:1:1: error: --set seed=2 matches nothing: the file has no experiment statement; add"
        + " one at its top, such as experiment \"my-experiment\" seed 1", c.diagnostics().list().get(0).headline());
  }

  @Test
  void anOverrideThatMatchesNothingIsAnError() {
    Compilation c = compile("mystery.steps=3");
    assertEquals("--set mystery.steps:1:1: error: --set mystery.steps=3 matches nothing: 'mystery' is neither a"
        + " statement kind (experiment, task, model, reward, sampling, sft, rl, eval) nor a name declared here",
        c.diagnostics().list().get(0).headline());
  }

  @Test
  void aNotebookCellWithoutTheTargetsCompilesAndOneWithThemTakesThem() {
    Overrides everyCell = Overrides.parse("rl.steps=3", "explore.per_prompt=2").whereTheyMatch();
    Compilation plain = Compiler.compile("task add = addition(digits: 1..2)\n", "cell[1]", Path.of("."),
        Environment.EMPTY, everyCell);
    assertTrue(plain.ok(), plain.diagnostics().render());
    Compilation c = Compiler.compile(FILE, "cell[2]", Path.of("."), Environment.EMPTY, everyCell);
    assertEquals(List.of(3, 3), steps(c, Action.Rl.class).stream().map(r -> r.spec().steps()).toList());
    assertEquals(2, steps(c, Action.DeclareSampling.class).get(0).spec().perPrompt());
  }

  @Test
  void aNotebooksOverridesAreNamedAfterTheVariableThatHoldsThem() {
    Compilation zero = Compiler.compile(FILE, "cell[2]", Path.of("."), Environment.EMPTY,
        Overrides.parse(Overrides.ENVIRONMENT, List.of("rl.steps=0")).whereTheyMatch());
    assertEquals("VERITY_SET rl.steps:1:10: error: 'steps' must be ≥ 1, got 0",
        zero.diagnostics().list().get(0).headline());
    Compilation malformed = Compiler.compile(FILE, "cell[2]", Path.of("."), Environment.EMPTY,
        Overrides.parse(Overrides.ENVIRONMENT, List.of("rl.steps")).whereTheyMatch());
    assertTrue(malformed.diagnostics().list().get(0).headline().startsWith("VERITY_SET rl.steps:1:1: error: an"
        + " override is written NAME.SETTING=VALUE"), malformed.diagnostics()::render);
  }

  @Test
  void malformedOverridesAreReportedNotThrown() {
    Overrides o = Overrides.parse("steps=3", "rl.steps");
    assertFalse(o.entries().get(0).wellFormed());
    Compilation c = Compiler.compile(FILE, "long.verity", Path.of("."), Environment.EMPTY, o);
    assertEquals(2, c.diagnostics().size());
    assertTrue(c.diagnostics().list().get(0).message().startsWith("an override is written NAME.SETTING=VALUE"));
  }
}
