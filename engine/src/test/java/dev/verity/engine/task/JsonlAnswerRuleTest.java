package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jsonl's answer extraction by regex, its comparisons (trimmed, caseless, numeric with tolerance) and splits. */
class JsonlAnswerRuleTest {
  @TempDir Path dir;

  private static final String HASHES = """
      {"q": "12+30", "a": "42", "s": "10+30=40, 40+2=42 #### 42"}
      {"q": "half of 3", "a": "1.5", "s": "3/2 #### 1.5"}
      """;

  private JsonlTask.Source source(String text) throws IOException {
    Path file = Files.writeString(dir.resolve("data.jsonl"), text);
    return new JsonlTask.Source(file, "q", "a", "s", null);
  }

  private static AnswerRule extracting(String regex, AnswerRule.Comparison comparison, double tolerance) {
    return new AnswerRule(Optional.of(Pattern.compile(regex)), comparison, tolerance);
  }

  @Test
  void aRegexReadsTheAnswerFromItsLastMatchsFirstGroup() throws IOException {
    JsonlTask task = JsonlTask.load(source(HASHES), extracting("#### (\\S+)", AnswerRule.Comparison.EXACT, 0),
        JsonlSplit.ALL);
    Problem sum = task.entries().get(0).problem();
    assertTrue(task.verify(sum, "so #### 41 wait, #### 42"), "the last match counts");
    assertFalse(task.verify(sum, "#### 41"));
    assertFalse(task.verify(sum, "42"), "no match, no answer");
    assertEquals("42", task.extractAnswer("x #### 42"));
    assertEquals("10+30=40, 40+2=42 #### 42", task.trace(sum, TraceStyle.SCRATCHPAD), "the trace as written");
    assertTrue(task.lacks(TraceStyle.DIRECT).orElseThrow().contains("does not read an answer from the answer alone"));
    AnswerRule whole = extracting("\\d+", AnswerRule.Comparison.EXACT, 0);
    assertEquals("7", whole.extract("3 then 7"), "without a group, the whole last match");
  }

  @Test
  void aTraceTheRegexDoesNotReadAsItsAnswerIsRejectedWithItsLine() throws IOException {
    JsonlTask.Source bad = source(HASHES + "{\"q\": \"3*4\", \"a\": \"12\", \"s\": \"3*4=12 #### 13\"}\n");
    TaskDataException e = assertThrows(TaskDataException.class, () -> JsonlTask.load(bad,
        extracting("#### (\\S+)", AnswerRule.Comparison.EXACT, 0), JsonlSplit.ALL));
    assertTrue(e.getMessage().contains(":3: extract: re\"#### (\\S+)\" reads '13' from this trace, not the answer"
        + " '12'"), e.getMessage());
  }

  @Test
  void comparisonsTrimIgnoreCaseAndAcceptNumbersWithinTheTolerance() {
    AnswerRule trimmed = new AnswerRule(Optional.empty(), AnswerRule.Comparison.TRIMMED, 0);
    assertTrue(trimmed.verify("yes", "think>  yes "));
    assertFalse(trimmed.verify("yes", "think>Yes"));
    AnswerRule caseless = new AnswerRule(Optional.empty(), AnswerRule.Comparison.CASELESS, 0);
    assertTrue(caseless.verify("yes", "think> YES"));
    AnswerRule numeric = new AnswerRule(Optional.empty(), AnswerRule.Comparison.NUMERIC, 0.01);
    assertTrue(numeric.verify("1.5", ">1.505"));
    assertTrue(numeric.verify("1.5", "> 1.50"));
    assertFalse(numeric.verify("1.5", ">1.52"));
    assertFalse(numeric.verify("1.5", ">one and a half"), "not a number: wrong, not an error");
    assertFalse(numeric.verify("1.5", ">1e999999999"), "a huge exponent is no number here (and takes no time)");
    AnswerRule exact = new AnswerRule(Optional.empty(), AnswerRule.Comparison.NUMERIC, 0);
    assertTrue(exact.verify("2", ">2.0"), "numerically equal");
    assertThrows(IllegalArgumentException.class,
        () -> new AnswerRule(Optional.empty(), AnswerRule.Comparison.EXACT, 0.5));
  }

  @Test
  void numericComparisonNeedsNumbersInTheData() throws IOException {
    JsonlTask.Source words = source("{\"q\": \"is 7 odd\", \"a\": \"yes\"}\n");
    TaskDataException e = assertThrows(TaskDataException.class, () -> JsonlTask.load(words,
        new AnswerRule(Optional.empty(), AnswerRule.Comparison.NUMERIC, 0), JsonlSplit.ALL));
    assertTrue(e.getMessage().contains(":1: compare: numeric needs a number in field 'a', found 'yes'"),
        e.getMessage());
  }

  @Test
  void trainAndTestSplitTheFileWithoutSharingAPromptAndTheSameWayEachTime() throws IOException {
    String lines = IntStream.range(0, 200).mapToObj(i -> "{\"q\": \"" + i + "+1\", \"a\": \"" + (i + 1) + "\"}")
        .collect(Collectors.joining("\n"));
    JsonlTask.Source data = source(lines);
    List<String> train = prompts(JsonlTask.load(data, AnswerRule.EXACT, new JsonlSplit(JsonlSplit.Part.TRAIN, 0.2)));
    List<String> test = prompts(JsonlTask.load(data, AnswerRule.EXACT, new JsonlSplit(JsonlSplit.Part.TEST, 0.2)));
    Set<String> both = new HashSet<>(train);
    both.retainAll(test);
    assertTrue(both.isEmpty(), "no prompt in both parts: " + both);
    assertEquals(200, train.size() + test.size());
    assertTrue(test.size() > 20 && test.size() < 60, "about a fifth held out: " + test.size());
    assertEquals(test, prompts(JsonlTask.load(data, AnswerRule.EXACT, new JsonlSplit(JsonlSplit.Part.TEST, 0.2))));
  }

  private static List<String> prompts(JsonlTask task) {
    return task.problems().stream().map(Problem::prompt).toList();
  }
}
