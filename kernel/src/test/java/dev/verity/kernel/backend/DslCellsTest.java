package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.kernel.jupyter.KernelTestKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DSL cells through the kernel, in process: what each kind of statement shows, errors, names across cells. */
class DslCellsTest {
  @TempDir Path dir;

  @Test
  void aCheckShowsItsVerdictAPlotAPngAndATableHtml() {
    try (Tiny.Session s = Tiny.open(dir)) {
      List<JsonNode> declared = s.ok(Tiny.DECLARE
          + "check correct(prompt: \"12+30=\", response: \"42\", answer: \"42\") == 1\n");
      assertEquals(1, declared.size(), declared::toString);
      assertTrue(declared.get(0).path("text/plain").asText().startsWith("✓ passed: check"),
          declared::toString);

      s.ok(Tiny.sft("warm", 4));
      List<JsonNode> plot = s.ok("plot loss by step for warm");
      assertEquals(1, plot.size());
      byte[] png = Base64.getMimeDecoder().decode(plot.get(0).path("image/png").asText());
      assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));

      List<JsonNode> table = s.ok("table metrics(last: 2) for warm");
      assertEquals(1, table.size());
      String html = table.get(0).path("text/html").asText();
      assertTrue(html.contains("<th>loss</th>"), html);
      assertTrue(table.get(0).path("text/plain").asText().contains("loss"));
    }
  }

  @Test
  void aFailingCheckShowsAFailedVerdictWithoutFailingTheCell() {
    try (Tiny.Session s = Tiny.open(dir)) {
      List<JsonNode> shown = s.ok("reward correct = exact_answer()\n"
          + "check correct(prompt: \"1+1=\", response: \"3\", answer: \"2\") == 1");
      assertTrue(Tiny.texts(shown).get(0).startsWith("✗ failed: check"), shown::toString);
    }
  }

  @Test
  void anErrorCellNamesLineAndColumnAndTheNextCellStillRuns() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok(Tiny.DECLARE);
      JsonNode error = s.error("\nrl policy on add { reward: corect, sampling: explore, steps: 3 }");
      assertEquals("VerityError", error.path("ename").asText());
      List<String> traceback = lines(error.path("traceback"));
      assertEquals(List.of(
          "cell[2]:2:28: error: unknown reward 'corect' (did you mean 'correct'?)",
          "  rl policy on add { reward: corect, sampling: explore, steps: 3 }",
          "                             ^^^^^^"), traceback);
      assertFalse(error.toString().contains("at dev.verity"), "no Java stack trace");

      List<JsonNode> after = s.ok("check correct(prompt: \"1+1=\", response: \"2\", answer: \"2\") == 1");
      assertTrue(Tiny.texts(after).get(0).startsWith("✓ passed"));
    }
  }

  @Test
  void aCellWithAnyErrorRunsNothingAndBindsNothing() {
    try (Tiny.Session s = Tiny.open(dir)) {
      JsonNode error = s.error("reward fine = exact_answer()\nreward broken = fine +\n");
      assertTrue(error.path("evalue").asText().startsWith("cell[1]:"), error::toString);
      JsonNode unknown = s.error("check fine(prompt: \"1+1=\", response: \"2\", answer: \"2\") == 1");
      assertTrue(unknown.path("evalue").asText().contains("unknown reward 'fine'"), unknown::toString);
    }
  }

  @Test
  void namesBoundInOneCellAreSeenInTheNextAndRunningACellAgainRebindsThem() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("reward r = exact_answer()");
      String check = "check r(prompt: \"1+1=\", response: \"2\", answer: \"2\") == 1";
      assertTrue(Tiny.texts(s.ok(check)).get(0).startsWith("✓ passed"));
      s.ok("reward r = 1 - exact_answer()");
      assertTrue(Tiny.texts(s.ok(check)).get(0).startsWith("✗ failed"), "the later binding replaces the earlier");
    }
  }

  @Test
  void helpIsAnsweredByTheKernelAndMagicsKeepDiagnosticLinesRight() {
    try (Tiny.Session s = Tiny.open(dir)) {
      List<KernelTestKit.Sent> sent = s.kit().execute("%help");
      String printed = sent.stream().filter(m -> m.type().equals("stream"))
          .map(m -> m.content().path("text").asText()).reduce("", String::concat);
      assertTrue(printed.contains("%seed N") && printed.contains("%runs"), printed);

      JsonNode error = s.error("%seed 3\nreward r = nothing_here()");
      assertTrue(error.path("evalue").asText().startsWith("cell[2]:2:12: error:"), error::toString);
    }
  }

  private static List<String> lines(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
