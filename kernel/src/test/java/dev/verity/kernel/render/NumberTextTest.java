package dev.verity.kernel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class NumberTextTest {
  @Test
  void numbersShowFourSignificantDigitsAndWholeNumbersWhole() {
    assertEquals("45961", NumberText.of(45961.38686395708));
    assertEquals("2.929", NumberText.of(2.928741693496704));
    assertEquals("0.001", NumberText.of(0.001));
    assertEquals("0.05104", NumberText.of(0.051043951));
    assertEquals("3", NumberText.of(3.0));
    assertEquals("-0.5", NumberText.of(-0.5));
    assertEquals("1.235e-7", NumberText.of(1.23456e-7));
    assertEquals("", NumberText.of(Double.NaN));
  }

  @Test
  void tablesShowRoundedNumbersAndLeaveTheTableItselfAlone() {
    Table table = Table.create("metrics", DoubleColumn.create("loss", 2.928741693496704, 45961.38686395708));
    MimeBundle bundle = new TableRenderer(100).render(table);
    assertTrue(bundle.text().contains("2.929") && bundle.text().contains("45961"), bundle.text());
    assertFalse(bundle.text().contains("2.9287416"), bundle.text());
    assertTrue(bundle.data().get(MimeBundle.HTML).contains("<td>2.929</td>"));
    assertEquals("2.928741693496704", table.doubleColumn("loss").getString(0), "the caller's table keeps its digits");
  }
}
