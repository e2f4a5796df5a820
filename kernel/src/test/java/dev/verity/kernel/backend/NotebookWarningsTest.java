package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.exec.ExecutionListener;
import dev.verity.dsl.exec.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A notebook cell whose settings cannot learn runs, and the checker's warning is shown with its place. */
class NotebookWarningsTest {
  @TempDir Path dir;

  @Test
  void aCellWithAWarningRunsAndTheWarningNamesItsPlace() {
    try (Notebook notebook = new Notebook(dir, List.of(), Clock.systemUTC())) {
      Outcome outcome = notebook.run(String.join("\n",
          "task tiny = addition(digits: 1)",
          "model p = gpt(layers: 1, heads: 1, dim: 16, context: 16)",
          "eval p on tiny with sample(temperature: 0, max_tokens: 4) { count: 150 }"), "cell", "cell",
          ExecutionListener.NONE);
      assertInstanceOf(Outcome.Done.class, outcome, outcome::toString);
      List<String> warnings = notebook.takeWarnings();
      assertEquals(1, warnings.size(), warnings::toString);
      assertTrue(warnings.get(0).startsWith("cell:3:68: warning: an evaluation set of 150 problems is larger than the 100"
          + " distinct prompts task 'tiny' can draw at digits 1"), warnings.get(0));
      assertTrue(warnings.get(0).contains("\n  eval p on tiny"), "with the line: " + warnings.get(0));
      assertEquals(List.of(), notebook.takeWarnings(), "taken once");
    }
  }
}
