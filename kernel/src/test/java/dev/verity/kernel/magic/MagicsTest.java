package dev.verity.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.kernel.cell.CellError;
import java.util.List;
import org.junit.jupiter.api.Test;

class MagicsTest {

  @Test
  void magicLinesBecomeBlankSoDslLineNumbersStay() throws CellError {
    SplitCell cell = Magics.split("%seed 7\n# comment\n%threads 2\ntask add = addition(digits: 2..6)\n");
    assertEquals(List.of(new Magic.Seed(7), new Magic.Threads(2)), cell.magics());
    assertEquals("\n# comment\n\ntask add = addition(digits: 2..6)\n", cell.code());
  }

  @Test
  void everyKnownMagicParsesToItsRecord() throws CellError {
    SplitCell cell = Magics.split(String.join("\n", "%seed -3", "%threads 4", "%device CPU",
        "%run \"my experiments/add.verity\"", "%export out.verity", "%runs",
        "%sweep add.verity --seeds 3 --set \"sft.lr=cosine(1e-3 -> 1e-4, warmup: 10),constant(1e-3)\"",
        "%compare sweeps/a sweeps/b", "%help"));
    assertEquals(List.of(new Magic.Seed(-3), new Magic.Threads(4), new Magic.Device(Magic.Device.Kind.CPU),
        new Magic.Run("my experiments/add.verity"), new Magic.Export("out.verity"), new Magic.Runs(),
        new Magic.Sweep(List.of("add.verity", "--seeds", "3", "--set",
            "sft.lr=cosine(1e-3 -> 1e-4, warmup: 10),constant(1e-3)")),
        new Magic.Compare(List.of("sweeps/a", "sweeps/b")), new Magic.Help()), cell.magics());
    assertTrue(cell.code().isBlank());
  }

  @Test
  void aCellWithoutMagicsIsUnchanged() throws CellError {
    String code = "model policy = gpt(layers: 4)\nplot accuracy by step";
    SplitCell cell = Magics.split(code);
    assertTrue(cell.magics().isEmpty());
    assertEquals(code, cell.code());
  }

  @Test
  void anUnknownMagicNamesItselfTheKnownOnesAndItsPlace() {
    CellError e = assertThrows(CellError.class, () -> Magics.split("\n  %sed 7"));
    assertEquals("unknown magic '%sed' (known magics: %seed, %threads, %device, %run, %export, %runs, %sweep,"
        + " %compare, %classpath, %help)",
        e.getMessage());
    assertEquals(List.of("line 2:3: error: " + e.getMessage(), "    %sed 7", "    ^^^^"), e.traceback());
    CellError inCell = assertThrows(CellError.class, () -> Magics.split("\n  %sed 7", "cell[4]"));
    assertEquals("cell[4]:2:3: error: " + inCell.getMessage(), inCell.traceback().get(0), "placed as DSL errors are");
  }

  @Test
  void badArgumentsSayWhatWasExpected() {
    assertEquals("%seed expects a whole number, got 'seven' (usage: %seed N)",
        assertThrows(CellError.class, () -> Magics.split("%seed seven")).getMessage());
    assertEquals("%threads expects a positive whole number, got '0' (usage: %threads N)",
        assertThrows(CellError.class, () -> Magics.split("%threads 0")).getMessage());
    assertEquals("%device expects cpu or gpu, got 'tpu' (usage: %device cpu|gpu)",
        assertThrows(CellError.class, () -> Magics.split("%device tpu")).getMessage());
    assertEquals("%run expects one file, as in %run addition.verity, got nothing (usage: %run FILE)",
        assertThrows(CellError.class, () -> Magics.split("%run")).getMessage());
    assertEquals("%runs expects no arguments, got all (usage: %runs)",
        assertThrows(CellError.class, () -> Magics.split("%runs all")).getMessage());
  }

  @Test
  void aMagicBelowCodeIsRejectedWithTheFix() {
    CellError e = assertThrows(CellError.class, () -> Magics.split("eval policy on add\n%seed 3"));
    assertEquals("magics go at the top of the cell, before any code: move this line up", e.getMessage());
    assertTrue(e.traceback().get(0).startsWith("line 2:1: error: "));
  }

  @Test
  void magicsEndAtAJavaCellLineWhichStaysInTheCode() throws CellError {
    SplitCell split = Magics.split("%seed 3\n%%java\nint x = 5 % 2;\n%notAMagic");
    assertEquals(List.of(new Magic.Seed(3)), split.magics());
    assertEquals("\n%%java\nint x = 5 % 2;\n%notAMagic", split.code());
    CellError e = assertThrows(CellError.class, () -> Magics.split("%%python\nprint(1)"));
    assertEquals("unknown cell magic '%%python' (known: %%java, as the first line of a Java cell)", e.getMessage());
    assertEquals(new Magic.Classpath("lib/my tasks.jar"), Magics.split("%classpath \"lib/my tasks.jar\"").magics()
        .get(0));
  }

  @Test
  void aHandlersErrorIsPlacedAtTheMagicsArgumentsWhileAnInterruptStaysAsItIs() throws CellError {
    SplitCell.Written written = Magics.split("# data\n  %classpath \"lib/my tasks.jar\"  ", "cell[4]").written().get(0);
    CellError placed = Magics.placed(written, CellError.of("%classpath: lib/my tasks.jar is not there"));
    assertEquals("%classpath: lib/my tasks.jar is not there", placed.getMessage());
    assertEquals(List.of("cell[4]:2:14: error: %classpath: lib/my tasks.jar is not there",
        "    %classpath \"lib/my tasks.jar\"  ",
        "               ^^^^^^^^^^^^^^^^^^"), placed.traceback());
    CellError interrupted = CellError.interrupted();
    assertSame(interrupted, Magics.placed(written, interrupted));
  }

  @Test
  void helpHasOneLinePerMagic() {
    String help = Magics.help();
    assertEquals(11, help.split("\n").length, help);
    assertTrue(help.startsWith("%seed N"), help);
  }
}
