package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs the grammar-aware fuzzer (kernel FuzzedCellsTest) found failing, each reduced to its cause: each must
 * now be a diagnostic at its place, quickly, never an internal error.
 */
class FuzzFindingsTest {
  @TempDir Path dir;

  private List<Diagnostic> errors(String source) {
    Compilation c = Compiler.compile(source, "cell", dir);
    assertTrue(!c.ok(), "rejected: " + source);
    c.diagnostics().list().forEach(d -> assertTrue(!d.message().startsWith("internal error"), d.headline()));
    return c.diagnostics().list();
  }

  @Test
  void thousandsOfUnclosedBracketsAreRefusedAtTheFirstTooDeepInMilliseconds() {
    // the parser's error recovery took 12 s on a 7,000-deep line: a kernel asked to check it froze
    String line = "sft policy on add { epochs: " + "(".repeat(7_000) + "1\n";
    long started = System.nanoTime();
    List<Diagnostic> errors = errors(line);
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertEquals("cell:1:128: error: this nests more than 100 levels deep (brackets, or minus signs or ifs in a"
        + " row): split the expression, or close the brackets you opened", errors.get(0).headline());
    assertTrue(ms < 1_000, "took " + ms + " ms");
  }

  @Test
  void thousandsOfMinusSignsInARowAreRefusedAtTheFirstTooDeep() {
    List<Diagnostic> errors = errors("reward r = " + "-".repeat(5_000) + "1");
    assertEquals(1, errors.size());
    assertEquals(112, errors.get(0).span().column());
  }

  @Test
  void aReallyLongSumIsTooDeepToCheckNotAnInternalError() {
    // '1 + 1 + …' parses in a loop, but its tree is 20,000 deep: the checker's walk overflowed the stack
    List<Diagnostic> errors = errors("reward r = exact_answer() + 1" + " + 1".repeat(20_000) + "\r");
    assertTrue(errors.get(0).message().contains("nests too deeply"), errors.get(0).headline());
  }

  @Test
  void aLineOfThirtyThousandStrayOperatorsStopsAfterTwentyErrorsAndShowsOnlyAWindowOfTheLine() {
    // error recovery reported 30,484 errors on this line and took seconds; each rendered the whole line
    String line = "sft s: policy on add { steps: 1" + " + + 1".repeat(30_000) + " }";
    long started = System.nanoTime();
    List<Diagnostic> errors = errors(line);
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertEquals(20, errors.size());
    assertTrue(ms < 1_000, "took " + ms + " ms");
    String rendered = errors.get(19).render();
    assertTrue(rendered.length() < 600, rendered);
    String[] lines = rendered.split("\n");
    assertTrue(lines[1].startsWith("  …") && lines[1].endsWith("…"), lines[1]);
    assertEquals(lines[1].indexOf('+', lines[2].indexOf('^')), lines[2].indexOf('^'), "the caret under its '+'");
  }

  @Test
  void aPathWithACharacterNoFileSystemTakesIsADiagnosticAtThePath() {
    List<Diagnostic> task = errors("task t = jsonl(\"data/pro\u0000blems.jsonl\", prompt: \"q\", answer: \"a\")");
    assertEquals("cell:1:16: error: 'path' is not a path this system can name (Nul character not allowed): write"
        + " it with printable characters only", task.get(0).headline());
    List<Diagnostic> save = errors("model m = gpt()\nsave m to \"ck/\u0000policy\"");
    assertTrue(save.get(0).headline().startsWith("cell:2:11: error: the path is not a path this system can name"),
        save.get(0).headline());
    List<Diagnostic> load = errors("load m from \"ck/\u0000policy\"");
    assertEquals(13, load.get(0).span().column());
  }
}
