package dev.verity.kernel.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a .verity twin: cells from the markers, markdown from comments, the header's CI overrides, errors. */
class TwinTest {
  private static final String TWIN = """
      # A twin: the header holds comments only.
      # ci: --set sft.steps=20 --set explore.temperature=linear(1.2 -> 0.8)  --set rl.steps=3

      # %% [markdown]
      # # Title
      #
      # Some *text*, then an indented line:
      #     kept as written

      # %%
      experiment "t" seed 1
      task add = addition(digits: 1..2)   # a comment stays in the code

      # %%

      model policy = gpt(layers: 1)


      # %% [md]
      # done
      """;

  @Test
  void markersSplitTheFileIntoCodeAndMarkdownCells() {
    Twin twin = Twin.parse(TWIN, "t.verity");
    assertEquals(List.of(
        Cell.markdown("# Title\n\nSome *text*, then an indented line:\n    kept as written"),
        Cell.code("experiment \"t\" seed 1\ntask add = addition(digits: 1..2)   # a comment stays in the code"),
        Cell.code("model policy = gpt(layers: 1)"),
        Cell.markdown("done")), twin.cells());
  }

  @Test
  void theCiLineGivesOverridesWithSpacesInsideValuesKept() {
    Twin twin = Twin.parse(TWIN, "t.verity");
    assertEquals(List.of("sft.steps=20", "explore.temperature=linear(1.2 -> 0.8)", "rl.steps=3"),
        twin.ciOverrides());
    assertEquals("sft.steps=20;explore.temperature=linear(1.2 -> 0.8);rl.steps=3", twin.veritySet());
  }

  @Test
  void aMagicCellIsACodeCellOfMagicsThatAnExperimentFileReadsAsComments() {
    Twin twin = Twin.parse("# %%\nmodel m = gpt()\n\n# %% [magic]\n# %sweep ../results/s --plot accuracy\n"
        + "# %compare ../results/s\n", "t.verity");
    assertEquals(Cell.code("%sweep ../results/s --plot accuracy\n%compare ../results/s"), twin.cells().get(1));
  }

  @Test
  void aJavaCellIsAPercentPercentJavaCellOfTheLinesBehindItsBars() {
    Twin twin = Twin.parse("# %% [java]\n#| class A {\n#|\n#|   int x;\n#| }\n\n# %%\nmodel m = gpt()\n", "t.verity");
    assertEquals(Cell.code("%%java\nclass A {\n\n  int x;\n}"), twin.cells().get(0));
    assertEquals("t.verity:3: a Java cell holds only lines behind `#| ` (as `verity run` reads them): prefix this one"
        + " with `#| `, or start another cell above it with `# %%`", error("# %% [java]\n#| class A {}\nint x;\n"));
  }

  @Test
  void withoutACiLineThereAreNoOverrides() {
    Twin twin = Twin.parse("# %%\nmodel m = gpt()\n", "t.verity");
    assertEquals(List.of(), twin.ciOverrides());
    assertEquals("", twin.veritySet());
  }

  @Test
  void windowsLineEndsReadTheSame() {
    assertEquals(Twin.parse(TWIN, "t.verity"), Twin.parse(TWIN.replace("\n", "\r\n"), "t.verity"));
  }

  @Test
  void mistakesNameTheLineAndTheFix() {
    String markers = "`# %%` (a code cell), `# %% [markdown]` (a markdown cell), `# %% [magic]` (a cell of magic"
        + " lines) or `# %% [java]` (a Java cell, its lines behind `#| `)";
    assertEquals("t.verity:2: a statement before the first cell: start a cell above it with " + markers,
        error("# title\nmodel m = gpt()\n# %%\n"));
    assertEquals("t.verity: no cells: start each cell with a line " + markers, error("# only a comment\n"));
    assertEquals("t.verity:3: a markdown cell holds only `# `-prefixed lines: prefix this one with `# `, or start a"
        + " code cell above it with `# %%`", error("# %% [markdown]\n# fine\nmodel m = gpt()\n"));
    assertEquals("t.verity:1: unknown cell marker '# %% [raw]': write " + markers, error("# %% [raw]\nx\n"));
    assertEquals("t.verity:3: a magic cell holds only `# %`-prefixed magic lines, e.g. `# %sweep"
        + " ../results/long-cot-seeds`: start a code cell above this one with `# %%`",
        error("# %% [magic]\n# %sweep ../results/x\n# model m = gpt()\n"));
    assertEquals("t.verity:1: write the CI overrides as `# ci: --set NAME.SETTING=VALUE …`",
        error("# ci: sft.steps=3\n# %%\n"));
    assertEquals("t.verity:2: a second `# ci:` line: put all CI overrides on one line",
        error("# ci: --set a.b=1\n# ci: --set c.d=2\n# %%\n"));
  }

  private static String error(String text) {
    return assertThrows(NotebookFormatException.class, () -> Twin.parse(text, "t.verity")).getMessage();
  }
}
