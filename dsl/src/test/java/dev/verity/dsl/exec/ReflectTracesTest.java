package dev.verity.dsl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.run.EvalRow;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * reflect traces in the DSL: a model that learns them reads the correction mark, checked at the place that names
 * them; step rewards need checkable steps; a short run records the step metrics in metrics.csv and eval.csv.
 */
class ReflectTracesTest {
  private static final String RUN = """
      experiment "reflective" seed 3
      task add = addition(digits: 1..2)
      sampling greedy = sample(temperature: 0, max_tokens: 48)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 64)
      eval before: policy on add with greedy { count: 8 }
      sft policy on add {
        traces: mix(scratchpad: 1, reflect: 1, reflect_p: 0.5)
        steps: 4
        batch: 8
      }
      reward process = exact_answer() - 0.1 * step_errors()
      rl tune: policy on add {
        reward: process
        sampling: sample(per_prompt: 2, max_tokens: 48)
        prompts: 2
        steps: 3
      }
      eval after: policy on add with greedy { count: 8 }
      table samples(first: 3) for after
      table samples(keep: corrected)
      table samples(keep: fixed, first: 100)
      """;

  @TempDir Path dir;

  private static Compilation compile(String source, String file, Environment env) {
    return Compiler.compile(source, file, Path.of("."), env, Overrides.NONE);
  }

  @Test
  void aModelFirstUsedInAnEarlierCellCannotLearnReflectTracesLater() {
    Compilation first = compile("task add = addition(digits: 1..2)\nmodel p = gpt(context: 48)\n"
        + "sft p on add { steps: 2\n traces: scratchpad }\n", "cell[1]", Environment.EMPTY);
    assertTrue(first.ok(), first.diagnostics().render());
    Compilation second = compile("sft p on add {\n  steps: 2\n  traces: reflect(p: 0.3)\n}\n", "cell[2]",
        first.environment());
    assertEquals(1, second.diagnostics().size(), second.diagnostics().render());
    assertEquals(3, second.diagnostics().list().get(0).span().line(), "at the traces setting");
    String message = second.diagnostics().list().get(0).message();
    assertTrue(message.startsWith("model 'p' cannot write these traces: its alphabet was fixed at its first use"
        + " (cell[1]:3), before reflect traces were named, so it lacks '!'"), message);
    assertTrue(message.contains("train a new model on them"), message);
    Compilation fresh = compile("model q = gpt(context: 48)\nsft q on add { steps: 2\n traces: reflect }\n",
        "cell[2]", first.environment());
    assertTrue(fresh.ok(), fresh.diagnostics().render());
  }

  @Test
  void reflectAndStepRewardsNeedATaskWhoseStepsCanBeChecked() {
    Compilation c = compile("""
        task cd = countdown(numbers: 3..4)
        model p = gpt(context: 64)
        sft p on cd { steps: 2
          traces: reflect }
        """, "f.verity", Environment.EMPTY);
    assertEquals(1, c.diagnostics().size(), c.diagnostics().render());
    assertTrue(c.diagnostics().list().get(0).message().contains(
        "task 'cd' has no steps that can be checked, so no reflect traces: use scratchpad"), c.diagnostics().render());

    Compilation reward = compile("""
        task cd = countdown(numbers: 3..4)
        model p = gpt(context: 64)
        rl p on cd { steps: 2
          sampling: sample(per_prompt: 2, max_tokens: 40)
          reward: exact_answer() - 0.1 * step_errors() }
        """, "f.verity", Environment.EMPTY);
    assertEquals(1, reward.diagnostics().size(), reward.diagnostics().render());
    assertEquals(5, reward.diagnostics().list().get(0).span().line(), reward.diagnostics().render());
    assertTrue(reward.diagnostics().list().get(0).message().startsWith("the reward reads step_errors, but task 'cd'"
        + " has no steps that can be checked"), reward.diagnostics().render());
  }

  @Test
  void aRunWritesTheCorrectionMarkAndRecordsStepMetrics() throws IOException {
    RunSettings settings = RunSettings.of(3, TorchRuntime.threads(), "cpu");
    Recorder recorder = Recorder.start(dir.resolve("run"), "reflective", Clock.systemDefaultZone(),
        Optional.of(RUN), settings);
    try (Session session = new Session(dir, Optional.of(recorder))) {
      Outcome outcome = Cells.run(session, RUN, "reflective.verity", Overrides.NONE, new ExecutionListener() {});
      assertInstanceOf(Outcome.Done.class, outcome, () -> outcome.toString());
      assertTrue(session.policy("policy").tokenizer().alphabet().contains("!"), "it reads what it learns to write");
      List<Object> outputs = outcome.outputs();
      Table fixed = (Table) outputs.get(outputs.size() - 1);
      for (int row = 0; row < fixed.rowCount(); row++) {
        assertTrue(fixed.booleanColumn("right").get(row) && fixed.intColumn("corrections").get(row) > 0);
      }
      outputs = outputs.subList(0, outputs.size() - 1);
      Table first = (Table) outputs.get(outputs.size() - 2);
      assertEquals(List.of("prompt", "response", "answer", "right", "corrections"), first.columnNames());
      assertEquals(3, first.rowCount());
      assertTrue(first.name().startsWith("first 3 responses of after (of 8)"), first.name());
      Table corrected = (Table) outputs.get(outputs.size() - 1);
      for (int row = 0; row < corrected.rowCount(); row++) {
        assertTrue(corrected.stringColumn("response").get(row).contains("!"), "each kept one corrects a step");
        assertTrue(corrected.intColumn("corrections").get(row) > 0);
      }
    }
    List<StepMetrics> rl = recorder.directory().records().metrics().stream().filter(m -> m.stage().equals("tune")).toList();
    assertEquals(3, rl.size());
    for (StepMetrics m : rl) {
      double reflect = m.get(Metric.REFLECT_RATE);
      assertTrue(reflect >= 0 && reflect <= 1, "a share of an addition stage's rollouts: " + reflect);
      assertFalse(Double.isNaN(m.get(Metric.UNCORRECTED_ERROR_RATE)));
    }
    List<EvalRow> evals = recorder.directory().records().eval();
    assertEquals(2, evals.size());
    evals.forEach(e -> assertFalse(Double.isNaN(e.get(Metric.REFLECT_RATE)), e.toString()));
    assertTrue(recorder.directory().records().rollouts().stream().allMatch(r -> r.terms().containsKey("step_errors")));
  }

  @Test
  void aModelThatNeverLearnsReflectTracesKeepsItsAlphabet() throws IOException {
    String plain = RUN.replace("mix(scratchpad: 1, reflect: 1, reflect_p: 0.5)", "scratchpad");
    try (Session session = new Session(dir, Optional.empty())) {
      Outcome outcome = Cells.run(session, plain, "plain.verity", Overrides.NONE, new ExecutionListener() {});
      assertInstanceOf(Outcome.Done.class, outcome, () -> outcome.toString());
      assertEquals(" +0123456789=>c|", session.policy("policy").tokenizer().alphabet(), "so earlier runs replay");
    }
  }
}
