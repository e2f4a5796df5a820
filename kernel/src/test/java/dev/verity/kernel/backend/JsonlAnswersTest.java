package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jsonl task's answer rule (regex extraction, numeric comparison) decides exact_answer in a notebook's checks. */
class JsonlAnswersTest {
  @TempDir Path dir;

  @Test
  void exactAnswerReadsResponsesTheWayTheTaskSays() throws Exception {
    Files.writeString(dir.resolve("gsm.jsonl"), """
        {"question": "12+30", "answer": "42", "solution": "10+30=40, 40+2=42 #### 42"}
        {"question": "half of 3", "answer": "1.5", "solution": "3/2 #### 1.5"}
        """);
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("task gsm = jsonl(\"gsm.jsonl\", prompt: \"question\", answer: \"answer\", trace: \"solution\",\n"
          + "    extract: re\"#### (\\S+)\", compare: numeric, tolerance: 0.01)\nreward correct = exact_answer()");
      List<JsonNode> shown = s.ok(
          "check correct(prompt: \"12+30\", response: \"so #### 41, no: #### 42.0\", answer: \"42\", task: gsm) == 1\n"
          + "check correct(prompt: \"half of 3\", response: \"#### 1.509\", answer: \"1.5\", task: gsm) == 1\n"
          + "check correct(prompt: \"12+30\", response: \"42\", answer: \"42\", task: gsm) == 0\n"
          + "check correct(prompt: \"12+30\", response: \"#### 43\", answer: \"42\", task: gsm) == 0");
      assertEquals(4, shown.size(), shown::toString);
      Tiny.texts(shown).forEach(text -> assertTrue(text.startsWith("✓ passed"), text));
    }
  }
}
