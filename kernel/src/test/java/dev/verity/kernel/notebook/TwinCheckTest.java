package dev.verity.kernel.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Comparing a notebook's cells with its twin's: the first difference, named so it can be found and fixed. */
class TwinCheckTest {
  private static final List<Cell> TWIN = List.of(Cell.markdown("# Title"),
      Cell.code("task add = addition(digits: 2..6)\nmodel policy = gpt()"), Cell.code("plot loss by step"));

  @Test
  void equalCellsMatchAndTrailingBlankSpaceIsNoDifference() {
    assertEquals(Optional.empty(), TwinCheck.difference(TWIN, TWIN));
    List<Cell> saved = List.of(Cell.markdown("# Title\n"),
        Cell.code("task add = addition(digits: 2..6)\nmodel policy = gpt()\n\n"), Cell.code("plot loss by step"));
    assertEquals(Optional.empty(), TwinCheck.difference(TWIN, saved));
  }

  @Test
  void anEditedLineIsNamedByCellAndLine() {
    List<Cell> edited = List.of(TWIN.get(0), Cell.code("task add = addition(digits: 2..6)\nmodel policy = gpt(dim: 64)"),
        TWIN.get(2));
    assertEquals(Optional.of("cell 2 (code) differs at its line 2: the twin has `model policy = gpt()`, the notebook"
        + " `model policy = gpt(dim: 64)`"), TwinCheck.difference(TWIN, edited));
  }

  @Test
  void aLineAddedAtACellsEndIsADifference() {
    List<Cell> longer = List.of(TWIN.get(0), TWIN.get(1), Cell.code("plot loss by step\ntable metrics(last: 3)"));
    assertEquals(Optional.of("cell 3 (code) differs at its line 2: the twin has no such line, the notebook"
        + " `table metrics(last: 3)`"), TwinCheck.difference(TWIN, longer));
  }

  @Test
  void aChangedKindIsNamed() {
    List<Cell> changed = List.of(Cell.code("# Title"), TWIN.get(1), TWIN.get(2));
    assertEquals(Optional.of("cell 1 is a markdown cell in the twin but a code cell in the notebook: the twin's"
        + " markdown cell `# Title`, the notebook's code cell `# Title`"), TwinCheck.difference(TWIN, changed));
  }

  @Test
  void missingAndExtraCellsAreNamed() {
    assertEquals(Optional.of("cell 3 is missing from the notebook: the twin's code cell `plot loss by step` (the twin"
        + " has 3 cells, the notebook 2)"), TwinCheck.difference(TWIN, TWIN.subList(0, 2)));
    List<Cell> more = List.of(TWIN.get(0), TWIN.get(1), TWIN.get(2), Cell.code("save policy to \"p\""));
    assertEquals(Optional.of("cell 4 is not in the twin: the notebook's code cell `save policy to \"p\"` (the twin"
        + " has 3 cells, the notebook 4)"), TwinCheck.difference(TWIN, more));
  }
}
