package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The example data beside the notebooks. Regenerate it with
 * {@code mvn -o -pl engine test -Dtest=ProblemsFileTest -Dverity.regenerate=true}.
 */
class ProblemsFileTest {
  private static final Path FILE = Path.of("..", "notebooks", "data", "problems.jsonl");
  private static final String ALLOWED = "0123456789abcdefghijklmnopqrstuvwxyz +-*=?>|,.";

  @Test
  void theCommittedFileIsTheGeneratorsOutput() throws IOException {
    if (Boolean.getBoolean("verity.regenerate")) {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, ProblemsFile.render(), StandardCharsets.UTF_8);
    }
    assertEquals(ProblemsFile.render(), Files.readString(FILE, StandardCharsets.UTF_8));
  }

  @Test
  void itLoadsAsTheDslExampleDeclaresIt() {
    JsonlTask task = JsonlTask.load(FILE, "question", "answer", "solution", "level");
    assertEquals(100, task.entries().size());
    assertEquals(new LevelRange(1, 3), task.knobLimits());
    long withSolution = task.entries().stream().filter(e -> e.trace() != null).count();
    assertTrue(withSolution >= 20 && withSolution <= 60, withSolution + " solutions");
    assertEquals(100, JsonlTask.load(FILE, "question", "answer", null, null).problems().size());
  }

  @Test
  void valuesUseOnlyTheSmallCharacterSet() {
    JsonlTask task = JsonlTask.load(FILE, "question", "answer", "solution", "level");
    for (JsonlTask.Entry e : task.entries()) {
      for (String value : new String[] {e.problem().prompt(), e.problem().answer(), e.trace()}) {
        if (value != null) {
          value.chars().forEach(c -> assertTrue(ALLOWED.indexOf(c) >= 0, "'" + (char) c + "' in " + value));
        }
      }
    }
  }

  @Test
  void everySolutionStepIsTrueAndEveryTraceVerifies() {
    JsonlTask task = JsonlTask.load(FILE, "question", "answer", "solution", "level");
    for (JsonlTask.Entry e : task.entries()) {
      for (TraceStyle style : TraceStyle.values()) {
        if (task.lacks(style).isPresent()) {
          continue;
        }
        assertTrue(task.verify(e.problem(), task.trace(e.problem(), style)), e.toString());
      }
      if (e.trace() == null) {
        continue;
      }
      String last = null;
      for (String step : e.trace().split("\\|")) {
        int eq = step.indexOf('=');
        if (eq < 0) {
          continue;
        }
        Optional<CountdownExpr> lhs = CountdownParser.parse(step.substring(0, eq));
        assertTrue(lhs.isPresent(), step);
        assertEquals(step.substring(eq + 1), lhs.get().value().toString(), step);
        last = step.substring(eq + 1);
      }
      if (last != null && !e.problem().prompt().startsWith("what is half")) {
        assertEquals(e.problem().answer(), last, "the last step reaches the answer: " + e);
      }
    }
  }
}
