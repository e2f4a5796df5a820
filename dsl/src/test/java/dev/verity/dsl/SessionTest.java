package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.plan.Action;
import dev.verity.engine.task.AdditionTask;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.MultiplicationTask;
import dev.verity.engine.task.TaskSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names bound by one cell are visible to later cells; re-running a cell rebinds them; errors bind nothing. */
class SessionTest {
  private Environment env = Environment.EMPTY;

  private Compilation run(String cell) {
    Compilation c = Compiler.compile(cell, "cell", Path.of("."), env, Overrides.NONE);
    env = c.environment();
    return c;
  }

  private static final String SETUP = """
      task add = addition(digits: 2..3)
      model policy = gpt(layers: 2, heads: 2, dim: 32, context: 160)
      reward correct = exact_answer()
      sampling explore = sample(per_prompt: 4)
      """;

  @Test
  void laterCellsSeeEarlierNames() {
    assertTrue(run(SETUP).ok());
    Compilation rl = run("rl policy on add { reward: correct, sampling: explore, steps: 5 }");
    assertTrue(rl.ok(), rl.diagnostics().render());
    Action.Rl step = (Action.Rl) rl.plan().orElseThrow().steps().get(0);
    assertEquals(TaskSpec.of(AdditionTask.TYPE, "digits", new LevelRange(2, 3)), step.task());
    assertEquals(4, step.spec().sampling().perPrompt());
  }

  @Test
  void aCellWithErrorsBindsNothingAndPlansNothing() {
    run(SETUP);
    Environment before = env;
    Compilation bad = run("task mult = multiplication(digits: 1..3)\nsft policy on ad { steps: 5 }");
    assertFalse(bad.ok());
    assertTrue(bad.plan().isEmpty());
    assertSame(before, bad.environment());
    assertFalse(env.lookup("mult").isPresent(), "the good line of a bad cell binds nothing");
  }

  @Test
  void rerunningACellRebindsItsNames() {
    run(SETUP);
    run("task add = multiplication(digits: 1..2)");
    Action.Sft sft = (Action.Sft) run("sft policy on add { steps: 5 }").plan().orElseThrow().steps().get(0);
    assertEquals(MultiplicationTask.TYPE, sft.task().type());
    run("model add = gpt()");
    Compilation wrongKind = run("sft policy on add { steps: 5 }");
    assertEquals("cell:1:15: error: 'add' is a model, but a task is expected here",
        wrongKind.diagnostics().list().get(0).headline());
  }

  @Test
  void unlabelledStagesAreNumberedAcrossCellsAndPlotsUseTheLatest() {
    run(SETUP);
    Action.Sft first = (Action.Sft) run("sft policy on add { steps: 5 }").plan().orElseThrow().steps().get(0);
    Action.Sft second = (Action.Sft) run("sft policy on add { steps: 5 }").plan().orElseThrow().steps().get(0);
    assertEquals("sft#1", first.stage());
    assertEquals("sft#2", second.stage());
    Action.Plot plot = (Action.Plot) run("plot loss by step").plan().orElseThrow().steps().get(0);
    assertEquals(List.of("sft#2"), plot.sources());
  }

  @Test
  void copiesKeepTheShapeForLaterChecks() {
    run(SETUP);
    run("model g = copy(policy)");
    Compilation tooLong = run("eval g on add with sample(max_tokens: 200)");
    assertEquals("cell:1:20: error: model 'g' has context 160, but prompts of 'add' take up to 8 tokens and this"
        + " sampling allows 200 more: raise context to at least 208 or lower max_tokens",
        tooLong.diagnostics().list().get(0).headline());
  }

  @Test
  void lineNumbersAreRelativeToTheCell() {
    run(SETUP);
    Compilation c = run("\n\nsft policy on add { stpes: 5 }");
    assertEquals("cell:3:21: error: unknown sft setting 'stpes' (did you mean 'steps'?)",
        c.diagnostics().list().get(0).headline());
  }

  @Test
  void theExperimentCarriesAcrossCells() {
    run("experiment \"session\" seed 11");
    run(SETUP);
    assertEquals(new Environment.Experiment("session", 11), env.experiment().orElseThrow());
  }
}
