package dev.verity.notebooks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed notebooks are committed executed (full runs, scripts/run-notebooks.sh): each one listed in
 * {@code notebooks/.executed} (a name per line, {@code #} comments) has every code cell run, no errors, and its
 * charts and tables. Until that file lists any, this test is skipped, saying so.
 */
class ExecutedNotebooksTest {
  static final Path MARKER = Folder.PATH.resolve(".executed");

  @TestFactory
  Stream<DynamicTest> notebooksMarkedExecutedHoldTheirOutputs() throws IOException {
    List<String> listed = listed();
    if (listed.isEmpty()) { // reported as one skipped test, with the reason
      return Stream.of(DynamicTest.dynamicTest("no notebook is marked executed yet", () -> Assumptions.abort(
          "no notebook is marked executed yet: after a full run (scripts/run-notebooks.sh), list its name in"
              + " notebooks/.executed")));
    }
    return listed.stream().map(name -> DynamicTest.dynamicTest(name + ".ipynb is committed executed", () -> {
      assertTrue(Folder.names().contains(name), name + " is listed in notebooks/.executed but there is no "
          + name + ".verity: fix the name or remove the line");
      ExecutedNotebook.read(Folder.notebookFile(name)).assertComplete();
    }));
  }

  static List<String> listed() throws IOException {
    if (!Files.exists(MARKER)) {
      return List.of();
    }
    return Files.readAllLines(MARKER).stream().map(l -> l.replaceAll("#.*", "").strip())
        .filter(l -> !l.isEmpty()).toList();
  }
}
