package dev.verity.dsl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionScriptTest {
  @Test
  void aFileWithoutMarkersIsOneCellNamedAfterTheFile() {
    SessionScript script = SessionScript.parse("task add = addition(digits: 2..3)\n", "x.verity");
    assertEquals(1, script.cells().size());
    assertEquals("x.verity", script.cells().get(0).label());
    assertEquals("task add = addition(digits: 2..3)\n", script.cells().get(0).source());
  }

  @Test
  void markersSplitCellsKeepLineNumbersAndAttachRecordedStops() {
    String text = String.join("\n",
        "# %% cell[1]",
        "task add = addition(digits: 2..3)",
        "# %% [markdown]",
        "# Some prose.",
        "# %% cell[2]",
        "sft policy on add { steps: 10 }",
        SessionScript.stopNote("sft#1", 4, 10),
        "");
    List<SessionScript.Cell> cells = SessionScript.parse(text, "run.verity").cells();
    assertEquals(3, cells.size());
    assertEquals("cell[1]", cells.get(0).label());
    assertEquals("run.verity", cells.get(1).label());
    assertEquals("cell[2]", cells.get(2).label());
    assertEquals("\ntask add = addition(digits: 2..3)\n", cells.get(0).source(), "line 2 stays line 2");
    assertEquals("sft policy on add { steps: 10 }", cells.get(2).source().split("\n", -1)[5], "line 6 stays 6");
    assertEquals(Map.of("sft#1", 4L), cells.get(2).stops());
    assertEquals(Map.of(), cells.get(0).stops());
  }

  @Test
  void aStopBetweenTwoStatementsOfACellLeavesOutThatStatementAndTheRestOfTheCell() {
    String text = String.join("\n",
        "# %% cell[1]",
        "task add = addition(digits: 2..3)",
        "# %% cell[2]",
        "eval policy on add",
        "sft policy on add { steps: 10 }",
        "eval policy on add",
        SessionScript.stopBeforeNote(2),
        "# %% cell[3]",
        "sft policy on add { steps: 10 }",
        "");
    List<SessionScript.Cell> cells = SessionScript.parse(text, "run.verity").cells();
    SessionScript.Cell stopped = cells.get(1);
    assertTrue(stopped.holds(4), "the eval before the stop ran");
    assertFalse(stopped.holds(5), "the sft at the cell's line 2 did not");
    assertFalse(stopped.holds(6), "nor what followed it");
    assertTrue(cells.get(2).holds(9), "the next cell ran whole");
  }

  @Test
  void javaCellsAreCommentsToTheDslAndComeBackWhereTheyStood() {
    String java = "class A {\n\n  // %% not a header\n  int x = 1;\n}";
    String text = "# %% cell[1]\ntask add = addition(digits: 2..3)\n" + SessionScript.javaEntry("cell[2]", java)
        + "# %% cell[3]\nsft policy on add { steps: 10 }\n";
    List<SessionScript.JavaCell> cells = SessionScript.javaCells(text);
    assertEquals(1, cells.size());
    assertEquals("cell[2]", cells.get(0).label());
    assertEquals(java + "\n", cells.get(0).source());
    assertEquals(4, cells.get(0).firstLine());
    assertEquals("   class A {", cells.get(0).sourceInPlace().split("\n", -1)[3], "line 4, behind '#| '");
    assertEquals(List.of("cell[1]", "run.verity", "cell[3]"),
        SessionScript.parse(text, "run.verity").cells().stream().map(SessionScript.Cell::label).toList());
  }
}
