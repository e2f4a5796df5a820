package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What one cell fixes for the next: a model's alphabet at its first use, what each stage records. */
class AcrossCellsTest {
  private static final Path CELLS = Path.of("src/test/resources/cells");

  private static Compilation compile(String source, String file, Environment env) {
    return Compiler.compile(source, file, CELLS, env, Overrides.NONE);
  }

  @Test
  void aModelFirstUsedInAnEarlierCellCannotReadATaskDeclaredLater() {
    Compilation first = compile("task add = addition(digits: 2..3)\nmodel p = gpt()\nsft p on add { steps: 2 }\n",
        "cell[1]", Environment.EMPTY);
    assertTrue(first.ok(), first.diagnostics().render());
    Compilation second = compile("task mine = jsonl(\"data/words.jsonl\", prompt: \"question\", answer: \"answer\")\n"
        + "sft p on mine { steps: 2 }\nmodel q = gpt()\nsft q on mine { steps: 2 }\n", "cell[2]", first.environment());
    assertEquals(1, second.diagnostics().size(), second.diagnostics().render());
    String message = second.diagnostics().list().get(0).message();
    assertTrue(message.startsWith("model 'p' cannot read task 'mine': its alphabet comes from the tasks declared"
        + " before its first use (cell[1]:3), so it lacks '?', 'a', 'h'"), message);
  }

  @Test
  void aPlotInALaterCellKnowsWhatAnUnlabelledStageRecords() {
    Compilation first = compile("task add = addition(digits: 2..3)\nmodel p = gpt()\nsft p on add { steps: 2 }\n",
        "cell[1]", Environment.EMPTY);
    assertTrue(compile("plot loss by step", "cell[2]", first.environment()).ok());
    Compilation second = compile("plot accuracy by step", "cell[2]", first.environment());
    assertTrue(second.diagnostics().render().contains("sft stage 'sft#1' does not record 'accuracy'"),
        second.diagnostics().render());
  }

  @Test
  void anOverridesErrorComesBeforeTheErrorsItCausesInTheFile() {
    Compilation c = Compiler.compile("task add = addition(digits: 0..1)\nmodel p = gpt()\n", "f.verity", CELLS,
        Environment.EMPTY, Overrides.parse("p.dim=bad"));
    assertEquals(2, c.diagnostics().size(), c.diagnostics().render());
    assertTrue(c.diagnostics().list().get(0).span().file().startsWith("--set"), c.diagnostics().render());
    assertEquals("f.verity", c.diagnostics().list().get(1).span().file());
  }
  @Test
  void aLabelOfAnEarlierCellIsRefusedNamingThatCell() {
    Compilation first = compile("task add = addition(digits: 2..3)\nmodel p = gpt()\nsft warm: p on add { steps: 2 }\n"
        + "eval before: p on add\n", "cell[1]", Environment.EMPTY);
    assertTrue(first.ok(), first.diagnostics().render());
    Compilation again = compile("sft warm: p on add { steps: 2 }\n", "cell[2]", first.environment());
    assertEquals(1, again.diagnostics().size(), again.diagnostics().render());
    assertEquals("cell[2]:1:5: error: label 'warm' is already used in this session by the sft at cell[1]:3:1, whose"
        + " metrics, results and charts are filed under it: give this stage another label, e.g. warm_2, or restart the"
        + " kernel to run the notebook afresh", again.diagnostics().list().get(0).span().file() + ":"
        + again.diagnostics().list().get(0).span().position() + ": error: "
        + again.diagnostics().list().get(0).message());
    Compilation eval = compile("eval before: p on add\n", "cell[3]", first.environment());
    assertTrue(eval.diagnostics().render().contains("label 'before' is already used in this session by the eval at"
        + " cell[1]:4:1"), eval.diagnostics().render());
    assertTrue(compile("sft p on add { steps: 2 }\n", "cell[4]", first.environment()).ok(),
        "an unlabelled stage runs again as sft#2");
  }

  @Test
  void aFrozenTaskOfAnEarlierCellIsNamedWithThatCell() {
    Compilation first = compile("task add_test = addition(digits: 2..3, count: 16)\nmodel p = gpt()\n", "cell[1]",
        Environment.EMPTY);
    assertTrue(first.ok(), first.diagnostics().render());
    Compilation sft = compile("sft p on add_test { steps: 2 }\n", "cell[2]", first.environment());
    assertTrue(sft.diagnostics().render().contains("is a frozen evaluation set (count: 16, declared at cell[1]:1:1)"),
        sft.diagnostics().render());
  }
}
