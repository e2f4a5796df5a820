package dev.verity.kernel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.report.Chart;
import dev.verity.engine.report.Series;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.report.Verdict;
import dev.verity.kernel.testkit.FixtureLanguage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class RenderersTest {
  private final Renderers renderers = Renderers.standard();

  @Test
  void stringsAreTextOnly() {
    assertEquals(MimeBundle.text("hello"), renderers.render("hello"));
  }

  @Test
  void tablesAreEscapedHtmlWithATextFallback() {
    MimeBundle bundle = renderers.render(FixtureLanguage.table());
    String html = bundle.data().get(MimeBundle.HTML);
    assertTrue(html.contains("<th>prompt</th><th>reward</th>"), html);
    assertTrue(html.contains("<td>&lt;b&gt;1&amp;2&lt;/b&gt;</td>"), "cells are escaped: " + html);
    assertTrue(html.contains("<caption>rollouts</caption>"), html);
    assertTrue(bundle.text().contains("12+30="), bundle.text());
  }

  @Test
  void longTablesShowTheirFirstRowsAndSayHowManyMore() {
    Table big = Table.create("steps", IntColumn.indexColumn("step", 250, 0));
    String html = new TableRenderer(100).render(big).data().get(MimeBundle.HTML);
    assertEquals(101, html.split("<tr>", -1).length - 1, "header row + 100 rows");
    assertTrue(html.contains("150 more rows not shown"), html);
  }

  @Test
  void chartsArePngsOfTheRequestedSizeDrawnHeadless() throws IOException {
    MimeBundle bundle = renderers.render(FixtureLanguage.chart(5));
    assertEquals(Set.of(MimeBundle.PNG, MimeBundle.TEXT), bundle.data().keySet());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(bundle.data().get(MimeBundle.PNG))));
    assertNotNull(image, "a readable PNG");
    assertEquals(ChartRenderer.DEFAULT_WIDTH, image.getWidth());
    assertEquals(ChartRenderer.DEFAULT_HEIGHT, image.getHeight());
    assertEquals("accuracy by step (value by step)\n  accuracy: 5 points, last (100, 0.8000)\n"
        + "  response_len_mean: 5 points, last (100, 22)", bundle.text());
  }

  @Test
  void aChartWithNoPointsYetIsTextOnly() {
    Chart empty = new Chart("reward", "step", "reward", List.of(new Series("reward", new double[0], new double[0])));
    MimeBundle bundle = renderers.render(empty);
    assertFalse(bundle.data().containsKey(MimeBundle.PNG));
    assertEquals("reward (reward by step)\n  reward: 0 points", bundle.text());
  }

  @Test
  void aTitleThatNamesItsAxesIsNotFollowedByThemAgain() {
    Chart chart = new Chart("loss by step (warm)", "step", "loss", List.of(new Series("loss", new double[0],
        new double[0])));
    assertEquals("loss by step (warm)\n  loss: 0 points", renderers.render(chart).text());
  }

  @Test
  void verdictsAreMarkedPassedOrFailed() {
    MimeBundle passed = renderers.render(new Verdict(true, "correct(\"42\") == 1"));
    assertEquals("✓ passed: correct(\"42\") == 1", passed.text());
    assertTrue(passed.data().get(MimeBundle.HTML).contains("✓ passed: correct(&quot;42&quot;) == 1"));
    assertEquals("✗ failed: x", renderers.render(new Verdict(false, "x")).text());
  }

  @Test
  void aFindingOfTheDoctorIsAWarningBannerWithItsLineAsText() {
    Finding f = new Finding("tune", 9, "zero_std", "no <spread>", "use a curriculum");
    MimeBundle shown = renderers.render(f);
    assertEquals("doctor: tune step 10: no <spread> — use a curriculum", shown.text());
    String html = shown.data().get(MimeBundle.HTML);
    assertTrue(html.startsWith("<div class=\"verity-doctor\""), html);
    assertTrue(html.contains("⚠ doctor: tune step 10</b> (zero_std): no &lt;spread&gt;<br>→ use a curriculum"), html);
  }

  @Test
  void theNearestRegisteredSupertypeRendersAValue() {
    Renderers numbers = Renderers.empty()
        .with(Number.class, n -> MimeBundle.text("number " + n))
        .with(Comparable.class, c -> MimeBundle.text("comparable " + c));
    assertEquals("number 3", numbers.render(3).text(), "superclass Number before interface Comparable");
    assertEquals("comparable x", numbers.render("x").text());
    assertEquals("[1]", numbers.render(List.of(1)).text(), "unregistered types fall back to toString");
    assertEquals("null", numbers.render(null).text());
  }
}
