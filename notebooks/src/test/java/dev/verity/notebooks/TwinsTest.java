package dev.verity.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.jshell.JavaCells;
import dev.verity.kernel.jshell.RecordedJavaCells;
import dev.verity.kernel.notebook.Cell;
import dev.verity.kernel.notebook.Twin;
import dev.verity.kernel.notebook.TwinCheck;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every notebook holds its twin's cells, and every twin is a valid experiment file, as is and in its short form. */
class TwinsTest {
  static List<String> names() {
    return Folder.names();
  }

  @ParameterizedTest(name = "{0}.ipynb matches {0}.verity")
  @MethodSource("names")
  void theNotebookHoldsItsTwinsCells(String name) {
    assertTrue(Files.isRegularFile(Folder.notebookFile(name)),
        () -> name + ".ipynb is missing: build it with `bin/verity notebook build notebooks/" + name + ".verity`");
    Optional<String> difference = TwinCheck.difference(Folder.twin(name).cells(),
        Folder.notebookCells(Folder.notebookFile(name)));
    assertEquals(Optional.empty(), difference, () -> name + ".ipynb: " + difference.orElseThrow()
        + "; rebuild it with `bin/verity notebook build notebooks/" + name + ".verity`, or copy the change into"
        + " the twin");
  }

  @Test
  void everyNotebookHasATwin() {
    List<String> orphans = Folder.namesOf(".ipynb").stream().filter(n -> !Folder.names().contains(n)).toList();
    assertEquals(List.of(), orphans, "notebooks without a .verity twin: write one (the twin is the source)");
  }

  @ParameterizedTest(name = "verity check {0}.verity")
  @MethodSource("names")
  void theTwinChecksAsAnExperimentFile(String name) {
    Compilation checked = compile(name, Overrides.NONE);
    assertTrue(checked.ok(), () -> checked.diagnostics().render());
  }

  @ParameterizedTest(name = "verity check {0}.verity with its # ci: overrides")
  @MethodSource("names")
  void theShortVersionChecksAndEachOverrideMatchesAStatement(String name) {
    Twin twin = Folder.twin(name);
    assertFalse(twin.ciOverrides().isEmpty(), () -> name + ".verity has no `# ci: --set …` line: CI runs a short"
        + " version of every notebook, so give it one (tiny steps, batches and eval counts)");
    Compilation checked = compile(name, Overrides.parse(twin.ciOverrides()));
    assertTrue(checked.ok(), () -> checked.diagnostics().render());
  }

  @ParameterizedTest(name = "{0}: cells are experiment text, the first DSL cell names the experiment")
  @MethodSource("names")
  void theFirstCodeCellNamesTheExperiment(String name) {
    Cell first = Folder.twin(name).cells().stream().filter(c -> c.kind() == Cell.Kind.CODE)
        .filter(c -> !JavaCells.isJava(c.source())).findFirst().orElseThrow();
    assertTrue(first.source().lines().anyMatch(l -> l.startsWith("experiment \"" + name + "\"")),
        () -> name + ": the first code cell should hold `experiment \"" + name + "\" seed N`, so the notebook's"
            + " run is named and seeded like the file's:\n" + first.source());
  }

  /** Checks the twin as {@code verity check} does: its Java cells' classes defined first. */
  private static Compilation compile(String name, Overrides overrides) {
    String text = Folder.read(Folder.twinFile(name));
    try (RecordedJavaCells java = RecordedJavaCells.define(text, name + ".verity",
        System.getProperty("java.class.path"), List.of())) {
      return Compiler.compile(text, name + ".verity", Folder.PATH, Environment.EMPTY, overrides);
    } catch (CellError e) {
      throw new AssertionError(name + ".verity: a Java cell does not compile:\n" + String.join("\n", e.traceback()));
    }
  }
}
