package dev.verity.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.dsl.ast.Program;
import dev.verity.dsl.ast.Stmt;
import dev.verity.dsl.diag.Reporter;
import dev.verity.dsl.parse.Parsing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A notebook after execution, and what a reader of it must find: every cell ran, no errors, the charts and tables. */
final class ExecutedNotebook {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String name;
  private final JsonNode cells;

  private ExecutedNotebook(String name, JsonNode cells) {
    this.name = name;
    this.cells = cells;
  }

  static ExecutedNotebook read(Path file) throws IOException {
    return new ExecutedNotebook(file.getFileName().toString(), JSON.readTree(file.toFile()).path("cells"));
  }

  /**
   * Every code cell ran and shows no error; a cell shows at least one PNG chart per {@code plot} statement in it and
   * one HTML table per {@code table} statement (training and evaluations add charts and tables of their own).
   */
  void assertComplete() {
    int n = 0;
    int outputs = 0;
    for (JsonNode cell : cells) {
      n++;
      if (!cell.path("cell_type").asText().equals("code")) {
        continue;
      }
      String where = name + " cell " + n + " (" + firstLine(cell) + ")";
      assertFalse(cell.path("execution_count").isNull(), where + " did not run");
      for (JsonNode output : cell.path("outputs")) {
        if (output.path("output_type").asText().equals("error")) {
          fail(where + " shows an error: " + output.path("ename").asText() + ": "
              + String.join("\n", texts(output.path("traceback"))));
        }
      }
      Statements statements = Statements.of(source(cell), where);
      assertTrue(count(cell, "image/png") >= statements.plots(), () -> where + " has " + statements.plots()
          + " plot statement(s) but " + count(cell, "image/png") + " PNG output(s)");
      assertTrue(count(cell, "text/html") >= statements.tables(), () -> where + " has " + statements.tables()
          + " table statement(s) but " + count(cell, "text/html") + " HTML output(s)");
      cell.path("outputs").forEach(ExecutedNotebook::assertPngIsAPicture);
      outputs += cell.path("outputs").size();
    }
    assertTrue(outputs > 0, name + " has no outputs at all: execute it (scripts/run-notebooks.sh)");
  }

  /** How many outputs of {@code cell} carry {@code mime}. */
  private static int count(JsonNode cell, String mime) {
    int count = 0;
    for (JsonNode output : cell.path("outputs")) {
      if (output.path("data").has(mime)) {
        count++;
      }
    }
    return count;
  }

  private static void assertPngIsAPicture(JsonNode output) {
    JsonNode png = output.path("data").path("image/png");
    if (!png.isMissingNode()) {
      byte[] bytes = Base64.getMimeDecoder().decode(png.asText());
      assertEquals("\u0089PNG", new String(bytes, 0, Math.min(4, bytes.length), StandardCharsets.ISO_8859_1),
          "an image/png output holds a PNG");
    }
  }

  /** The plot and table statements of a cell, counted from its parse (comments and strings cannot fool it). */
  record Statements(long plots, long tables) {
    static Statements of(String source, String where) {
      if (source.strip().startsWith("%")) {
        return new Statements(0, 0); // a cell of magics (a twin's # %% [magic]): no DSL statement to count
      }
      Reporter reporter = new Reporter().source(where, source);
      Program program = Parsing.program(source, where, reporter)
          .orElseThrow(() -> new AssertionError(where + " does not parse:\n" + reporter.diagnostics().render()));
      List<Stmt> all = program.statements();
      return new Statements(all.stream().filter(s -> s instanceof Stmt.Plot).count(),
          all.stream().filter(s -> s instanceof Stmt.Table).count());
    }
  }

  private static String source(JsonNode cell) {
    return String.join("", texts(cell.path("source")));
  }

  private static String firstLine(JsonNode cell) {
    return source(cell).lines().findFirst().orElse("");
  }

  /** Notebook text: a string, or a list of lines. */
  private static List<String> texts(JsonNode text) {
    if (!text.isArray()) {
      return List.of(text.asText());
    }
    List<String> out = new ArrayList<>();
    text.forEach(t -> out.add(t.asText()));
    return out;
  }
}
