package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.kernel.jupyter.KernelTestKit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion, inspection and is_complete answered from the DSL's Assist, magic lines above the code included. */
class EditorHelpTest {
  @TempDir Path dir;

  @Test
  void completionKnowsBuiltinsAndTheSessionsNamesAndSkipsMagicLines() {
    try (Tiny.Session s = Tiny.open(dir)) {
      JsonNode gpt = ask(s, "complete_request", "%seed 7\nmodel p = gp", 20);
      assertTrue(matches(gpt).contains("gpt"), gpt::toString);
      assertEquals(18, gpt.path("cursor_start").asInt());
      assertEquals(20, gpt.path("cursor_end").asInt());

      assertFalse(matches(ask(s, "complete_request", "eval pol", 8)).contains("policy"));
      s.ok(Tiny.DECLARE);
      assertTrue(matches(ask(s, "complete_request", "eval pol", 8)).contains("policy"), "bound by the last cell");

      assertTrue(matches(ask(s, "complete_request", "%se", 3)).isEmpty(), "no DSL words on a magic line");
    }
  }

  @Test
  void inspectionGivesTheSignatureAndDoc() {
    try (Tiny.Session s = Tiny.open(dir)) {
      JsonNode found = ask(s, "inspect_request", "%threads 2\ntask t = addition(digits: 2..3)", 22);
      assertTrue(found.path("found").asBoolean(), found::toString);
      String text = found.path("data").path("text/plain").asText();
      assertTrue(text.startsWith("addition(digits:") && text.contains("\n\n"), text);
      assertFalse(ask(s, "inspect_request", "%threads 2", 3).path("found").asBoolean());
    }
  }

  @Test
  void isCompleteWaitsForOpenBlocksWithAnIndent() {
    try (Tiny.Session s = Tiny.open(dir)) {
      JsonNode open = ask(s, "is_complete_request", "sft policy on add {", -1);
      assertEquals("incomplete", open.path("status").asText());
      assertEquals("  ", open.path("indent").asText());
      JsonNode inside = ask(s, "is_complete_request", "sft policy on add {\n  steps: 3,", -1);
      assertEquals("  ", inside.path("indent").asText());
      assertEquals("complete", ask(s, "is_complete_request", "%seed 1\n%threads 2", -1).path("status").asText());
      assertEquals("invalid", ask(s, "is_complete_request", "reward r = )", -1).path("status").asText());
    }
  }

  private static JsonNode ask(Tiny.Session s, String type, String code, int cursor) {
    Map<String, Object> content = cursor < 0 ? Map.of("code", code)
        : Map.of("code", code, "cursor_pos", cursor, "detail_level", 0);
    return KernelTestKit.only(s.kit().request(type, content), type.replace("_request", "_reply")).content();
  }

  private static List<String> matches(JsonNode reply) {
    List<String> out = new ArrayList<>();
    reply.path("matches").forEach(m -> out.add(m.asText()));
    return out;
  }
}
