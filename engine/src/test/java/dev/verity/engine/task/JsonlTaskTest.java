package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlTaskTest {
  @TempDir Path dir;

  private static final String GOOD =
      """
      {"question": "what is 12 plus 30?", "answer": "42", "solution": "10+30=40|2+0=2|40+2=42|", "level": 2}
      {"question": "what is 3 times 4?", "answer": "12", "level": 1}

      {"question": "is 7 odd?", "answer": "yes", "solution": "7=2*3+1|>yes", "level": 1}
      """;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("problems.jsonl");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private JsonlTask load(String text) throws IOException {
    return JsonlTask.load(write(text), "question", "answer", "solution", "level");
  }

  private TaskDataException failure(String text) {
    return assertThrows(TaskDataException.class, () -> load(text));
  }

  @Test
  void loadsProblemsWithLevelsAndTraces() throws IOException {
    JsonlTask task = load(GOOD);
    assertEquals(3, task.entries().size());
    assertEquals(new Problem("what is 12 plus 30?", "42", 2), task.entries().get(0).problem());
    assertEquals(new LevelRange(1, 2), task.knobLimits());
    assertEquals("level", task.knobName());
    Problem add = task.entries().get(0).problem();
    assertEquals("42", task.trace(add, TraceStyle.DIRECT));
    assertEquals("10+30=40|2+0=2|40+2=42|>42", task.trace(add, TraceStyle.SCRATCHPAD));
    assertEquals("10+30=40|2+0=2|40+2=42|>42", task.trace(add, TraceStyle.VERBOSE));
    Problem odd = task.entries().get(2).problem();
    assertEquals("7=2*3+1|>yes", task.trace(odd, TraceStyle.SCRATCHPAD), "a solution ending in >answer is kept");
    Problem noSolution = task.entries().get(1).problem();
    assertEquals("12", task.trace(noSolution, TraceStyle.SCRATCHPAD), "falls back to the answer");
  }

  @Test
  void tracesVerifyAndUseOnlyTheAlphabet() throws IOException {
    JsonlTask task = load(GOOD);
    for (JsonlTask.Entry e : task.entries()) {
      for (TraceStyle style : TraceStyle.values()) {
        if (task.lacks(style).isPresent()) {
          continue;
        }
        String trace = task.trace(e.problem(), style);
        assertTrue(task.verify(e.problem(), trace), trace);
        trace.chars().forEach(c -> assertTrue(task.alphabet().indexOf(c) >= 0, "'" + (char) c + "'"));
        e.problem().prompt().chars().forEach(c -> assertTrue(task.alphabet().indexOf(c) >= 0));
      }
    }
  }

  @Test
  void verifierIsExactAndTotal() throws IOException {
    JsonlTask task = load(GOOD);
    Problem p = task.entries().get(0).problem();
    assertTrue(task.verify(p, "42"));
    assertFalse(task.verify(p, "41"));
    assertFalse(task.verify(p, "43"));
    assertFalse(task.verify(p, "042"));
    assertFalse(task.verify(p, "42 "));
    for (String junk : Junk.responses()) {
      assertFalse(task.verify(p, junk));
    }
  }

  @Test
  void generateDrawsOnlyFromTheCurrentLevels() throws IOException {
    JsonlTask task = load(GOOD).withLevels(LevelRange.of(1));
    SplittableRandom random = new SplittableRandom(1);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(task.generate(random).prompt());
    }
    assertEquals(Set.of("what is 3 times 4?", "is 7 odd?"), seen);
    assertEquals(2, task.problems().size());
  }

  @Test
  void levelsDefaultToZeroWithoutALevelField() throws IOException {
    JsonlTask task = JsonlTask.load(write(GOOD), "question", "answer", null, null);
    assertEquals(LevelRange.of(0), task.knobLimits());
    assertEquals("42", task.trace(task.entries().get(0).problem(), TraceStyle.SCRATCHPAD), "no trace field named");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> task.withLevels(LevelRange.of(1)));
    assertEquals("jsonl(level: 1): level must lie within 0; use a range such as level: 0", e.getMessage());
  }

  @Test
  void levelsWithinTheLimitsButWithoutProblemsAreRejected() throws IOException {
    JsonlTask task =
        load("{\"question\": \"a\", \"answer\": \"1\", \"level\": 1}\n{\"question\": \"b\", \"answer\": \"2\", \"level\": 3}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> task.withLevels(LevelRange.of(2)));
    assertEquals("jsonl(level: 2): problems.jsonl has no problems at these levels; levels there: [1, 3]", e.getMessage());
  }

  @Test
  void aMissingFieldNamesFileLineAndFieldAndTheFieldsThere() {
    TaskDataException e =
        failure(
            "{\"question\": \"a\", \"answer\": \"1\"}\n\n"
                + "{\"question\": \"what is 2 plus 2?\", \"solution\": \"2+2=4\"}\n");
    assertEquals("problems.jsonl:3: missing field 'answer' (fields there: question, solution)", e.getMessage());
    assertEquals(dir.resolve("problems.jsonl"), e.path());
    assertEquals(3, e.line());
    assertEquals("answer", e.field());
  }

  @Test
  void aNonStringAnswerSaysHowToWriteIt() {
    TaskDataException e = failure("{\"question\": \"what is 2 plus 2?\", \"answer\": 4}\n");
    assertEquals(
        "problems.jsonl:1: field 'answer' must be a string, found a number 4; write it in quotes, e.g. \"answer\": \"4\"",
        e.getMessage());
    assertEquals("answer", e.field());
    e = failure("{\"question\": [\"what\"], \"answer\": \"4\"}\n");
    assertEquals("question", e.field());
    assertEquals("problems.jsonl:1: field 'question' must be a string, found an array [\"what\"]", e.getMessage());
    e = failure("{\"question\": \"what is 2 plus 2?\", \"answer\": null}\n");
    assertEquals("problems.jsonl:1: field 'answer' is null; give it a string", e.getMessage());
  }

  @Test
  void invalidJsonNamesTheLineAndColumn() {
    TaskDataException e = failure("{\"question\": \"a\", \"answer\": \"1\"}\n{\"question\": \"b\", answer: \"2\"}\n");
    assertEquals(2, e.line());
    assertNull(e.field());
    assertTrue(e.getMessage().startsWith("problems.jsonl:2: invalid JSON at column 19: Unexpected character"), e.getMessage());
    assertEquals(1, failure("{\"question\": \"a\", \"answer\": \"1\"} {}\n").line(), "trailing content");
    assertEquals(1, failure("{\"question\": \"a\", \"question\": \"b\", \"answer\": \"1\"}\n").line(), "duplicate key");
  }

  @Test
  void invalidJsonIsSaidInPlainWordsWithoutTheParsersInternals() {
    for (String text : new String[] {
        "{\"question\": \"a\", \"answer\": \"1\"\n", "{\"question\": \"a\", answer: \"2\"}\n", "{\"q\": x}\n",
        "{\"question\": \"a\", \"question\": \"b\", \"answer\": \"1\"}\n"}) {
      String message = failure(text).getMessage();
      for (String internal : new String[] {"Source", "REDACTED", "StreamReadFeature", "(code ", "marker at"}) {
        assertFalse(message.contains(internal), message);
      }
    }
    assertEquals("problems.jsonl:1: invalid JSON at column 32: the line ends before the JSON is complete; close every"
        + " string with \" and the object with } (each problem must be on one line)",
        failure("{\"question\": \"a\", \"answer\": \"1\"\n").getMessage());
  }

  @Test
  void aLineThatIsNotAnObjectShowsAnExample() {
    TaskDataException e = failure("[\"what is 2 plus 2?\", \"4\"]\n");
    assertEquals(
        "problems.jsonl:1: expected a JSON object such as {\"question\": \"what is 12 plus 30?\", \"answer\": \"42\"},"
            + " found an array",
        e.getMessage());
  }

  @Test
  void badLevelsEmptyAnswersAndAnswerMarksAreRejected() {
    TaskDataException e = failure("{\"question\": \"a\", \"answer\": \"1\", \"level\": \"two\"}\n");
    assertEquals("problems.jsonl:1: field 'level' must be a whole number, found a string \"two\"", e.getMessage());
    assertEquals("level", e.field());
    assertEquals("level", failure("{\"question\": \"a\", \"answer\": \"1\", \"level\": 1.5}\n").field());
    assertEquals(
        "problems.jsonl:1: field 'answer' is empty", failure("{\"question\": \"a\", \"answer\": \"\"}\n").getMessage());
    e = failure("{\"question\": \"a\", \"answer\": \"x>y\"}\n");
    assertTrue(e.getMessage().startsWith("problems.jsonl:1: field 'answer' contains '>'"), e.getMessage());
    assertEquals("solution", failure("{\"question\": \"a\", \"answer\": \"1\", \"solution\": 7}\n").field());
  }

  @Test
  void anEmptyOrMissingFileIsNamed() throws IOException {
    TaskDataException empty = failure("\n  \n");
    assertEquals(
        "problems.jsonl: no problems in the file; write one JSON object per line, e.g. "
            + "{\"question\": \"what is 12 plus 30?\", \"answer\": \"42\"}",
        empty.getMessage());
    assertEquals(0, empty.line());
    Path missing = dir.resolve("data/nothing.jsonl");
    TaskDataException e =
        assertThrows(TaskDataException.class, () -> JsonlTask.load(missing, "question", "answer", null, null));
    assertEquals("nothing.jsonl: no such file: " + missing.toAbsolutePath(), e.getMessage());
    assertEquals(missing, e.path());
    TaskDataException folder =
        assertThrows(TaskDataException.class, () -> JsonlTask.load(dir, "question", "answer", null, null));
    assertTrue(folder.getMessage().contains("not a file"), folder.getMessage());
  }

  @Test
  void invalidUtf8NamesTheLine() throws IOException {
    Path file = dir.resolve("latin1.jsonl");
    byte[] good = "{\"question\": \"a\", \"answer\": \"1\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"question\": \"caf\u00e9\", \"answer\": \"1\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] both = new byte[good.length + bad.length];
    System.arraycopy(good, 0, both, 0, good.length);
    System.arraycopy(bad, 0, both, good.length, bad.length);
    Files.write(file, both);
    TaskDataException e =
        assertThrows(TaskDataException.class, () -> JsonlTask.load(file, "question", "answer", null, null));
    assertEquals("latin1.jsonl:2: not UTF-8 text; save the file as UTF-8", e.getMessage());
  }

  @Test
  void aByteOrderMarkAndNonAsciiTextAreFine() throws IOException {
    JsonlTask task = load("\uFEFF{\"question\": \"combien font 2 \u00d7 3 ?\", \"answer\": \"6\"}\n");
    assertEquals(List.of("combien font 2 \u00d7 3 ?"), task.problems().stream().map(Problem::prompt).toList());
    assertTrue(task.alphabet().indexOf('\u00d7') >= 0);
  }
}
