package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verity notebook build} and {@code verity notebook check}, in-process. */
class NotebookCommandTest {
  private static final String TWIN = """
      # ci: --set sft.steps=2
      # %% [markdown]
      # # Tiny
      # %%
      task add = addition(digits: 1..2)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 24)
      # %%
      sft policy on add { steps: 50, batch: 8 }
      """;
  @TempDir Path dir;

  private String twin(String name, String text) throws Exception {
    Path file = dir.resolve(name + ".verity");
    Files.writeString(file, text);
    return file.toString();
  }

  @Test
  void buildWritesTheNotebookBesideItsTwinAndCheckThenPasses() throws Exception {
    String twin = twin("tiny", TWIN);
    Cli.Ran built = Cli.verity("notebook", "build", twin);
    assertEquals(Verity.DONE, built.exitCode(), built.all());
    String notebook = dir.resolve("tiny.ipynb").toString();
    assertEquals("wrote " + notebook + " (3 cells)\n", built.out());
    assertTrue(Files.readString(Path.of(notebook)).contains("\"sft policy on add { steps: 50, batch: 8 }\""));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file is left behind");
    }

    Cli.Ran checked = Cli.verity("notebook", "check", notebook);
    assertEquals(Verity.DONE, checked.exitCode(), checked.all());
    assertEquals(notebook + ": matches " + twin + "\n", checked.out());
  }

  @Test
  void checkExitsOneNamingTheFirstDifferingCellAndTheFix() throws Exception {
    String twin = twin("tiny", TWIN);
    Cli.verity("notebook", "build", twin);
    Files.writeString(Path.of(twin), TWIN.replace("steps: 50", "steps: 60"));
    String notebook = dir.resolve("tiny.ipynb").toString();

    Cli.Ran checked = Cli.verity("notebook", "check", notebook);
    assertEquals(Verity.FAILED, checked.exitCode(), checked.all());
    assertEquals(notebook + ": cell 3 (code) differs at its line 1: the twin has `sft policy on add { steps: 60,"
        + " batch: 8 }`, the notebook `sft policy on add { steps: 50, batch: 8 }`; rebuild it with `verity notebook"
        + " build " + twin + "`, or copy the change into the twin\n", checked.err());
  }

  @Test
  void checkGoesOnPastADifferenceAndReportsEveryNotebook() throws Exception {
    String a = twin("a", TWIN);
    String b = twin("b", TWIN);
    Cli.verity("notebook", "build", a, b);
    Files.writeString(Path.of(a), TWIN + "# %%\nplot loss by step\n");
    Cli.Ran checked = Cli.verity("notebook", "check", dir.resolve("a.ipynb").toString(),
        dir.resolve("b.ipynb").toString());
    assertEquals(Verity.FAILED, checked.exitCode(), checked.all());
    assertTrue(checked.err().contains("a.ipynb: cell 4 is missing from the notebook"), checked.all());
    assertTrue(checked.out().contains("b.ipynb: matches"), checked.all());
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    String bad = twin("bad", "# title\nmodel m = gpt()\n");
    Cli.Ran notATwin = Cli.verity("notebook", "build", bad);
    assertEquals(Verity.BAD_INPUT, notATwin.exitCode(), notATwin.all());
    assertEquals("verity: " + bad + ":2: a statement before the first cell: start a cell above it with `# %%` (a"
        + " code cell), `# %% [markdown]` (a markdown cell), `# %% [magic]` (a cell of magic lines) or `# %% [java]`"
        + " (a Java cell, its lines behind `#| `)\n",
        notATwin.err());
    assertFalse(Files.exists(dir.resolve("bad.ipynb")));

    Cli.Ran wrongKind = Cli.verity("notebook", "build", "x.ipynb");
    assertEquals("verity: x.ipynb: give the .verity twin to build from, e.g. x.verity\n", wrongKind.err());

    Cli.Ran noNotebook = Cli.verity("notebook", "check", dir.resolve("none.ipynb").toString());
    assertEquals(Verity.BAD_INPUT, noNotebook.exitCode());
    assertEquals("verity: no such file: " + dir.resolve("none.ipynb") + "\n", noNotebook.err());
    Path lone = Files.writeString(dir.resolve("lone.ipynb"), "{}");
    Cli.Ran noTwin = Cli.verity("notebook", "check", lone.toString());
    assertEquals(Verity.BAD_INPUT, noTwin.exitCode());
    assertEquals("verity: " + lone + " has no twin " + dir.resolve("lone.verity") + " beside it: check compares a"
        + " notebook with the .verity file it is built from\n", noTwin.err());

    Cli.Ran bare = Cli.verity("notebook");
    assertEquals(Verity.BAD_INPUT, bare.exitCode());
    assertTrue(bare.err().startsWith("name a subcommand: `verity notebook build FILE.verity…`"), bare.all());
  }
}
