package dev.verity.kernel.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Writing and reading notebooks: nbformat 4.5 for the Verity kernel, laid out as Jupyter writes them. */
class IpynbTest {
  private static final List<Cell> CELLS = List.of(
      Cell.markdown("# Title\n\nText"), Cell.code("task add = addition()\nmodel m = gpt()"), Cell.code(""),
      Cell.code("model m = gpt()"), Cell.code("model m = gpt()"));

  @Test
  void aBuiltNotebookIsNbformat45ForTheVerityKernelWithNoOutputs() throws Exception {
    JsonNode nb = NbJson.MAPPER.readTree(Ipynb.render(CELLS));
    assertEquals(4, nb.path("nbformat").asInt());
    assertEquals(5, nb.path("nbformat_minor").asInt());
    JsonNode kernelspec = nb.path("metadata").path("kernelspec");
    assertEquals("verity", kernelspec.path("name").asText());
    assertEquals("Verity", kernelspec.path("display_name").asText());
    JsonNode language = nb.path("metadata").path("language_info");
    assertEquals("verity", language.path("name").asText());
    assertEquals(".verity", language.path("file_extension").asText());

    JsonNode code = nb.path("cells").get(1);
    assertEquals("code", code.path("cell_type").asText());
    assertTrue(code.path("execution_count").isNull());
    assertEquals(0, code.path("outputs").size());
    assertEquals(List.of("task add = addition()\n", "model m = gpt()"),
        List.of(code.path("source").get(0).asText(), code.path("source").get(1).asText()));
    assertTrue(nb.path("cells").get(0).path("outputs").isMissingNode(), "a markdown cell has no outputs");
  }

  @Test
  void cellIdsAreValidUniqueAndStayWhenAnotherCellChanges() throws Exception {
    JsonNode before = NbJson.MAPPER.readTree(Ipynb.render(CELLS)).path("cells");
    Set<String> ids = new HashSet<>();
    before.forEach(c -> {
      String id = c.path("id").asText();
      assertTrue(id.matches("[a-zA-Z0-9-_]{1,64}"), id);
      ids.add(id);
    });
    assertEquals(CELLS.size(), ids.size(), "repeated cells get distinct ids");

    List<Cell> edited = List.of(CELLS.get(0), Cell.code("task add = addition(digits: 2..3)\nmodel m = gpt()"),
        CELLS.get(2), CELLS.get(3), CELLS.get(4));
    JsonNode after = NbJson.MAPPER.readTree(Ipynb.render(edited)).path("cells");
    assertEquals(before.get(0).path("id"), after.get(0).path("id"));
    assertNotEquals(before.get(1).path("id"), after.get(1).path("id"));
    assertEquals(before.get(4).path("id"), after.get(4).path("id"));
  }

  @Test
  void theLayoutIsNbformatsSoExecutingChangesOnlyWhatRan() throws Exception {
    String text = Ipynb.render(List.of(Cell.code("x")));
    assertEquals("""
        {
         "cells": [
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "%s",
           "metadata": {},
           "outputs": [],
           "source": [
            "x"
           ]
          }
         ],
         "metadata": {
          "kernelspec": {
           "display_name": "Verity",
           "language": "verity",
           "name": "verity"
          },
          "language_info": {
           "codemirror_mode": "verity",
           "file_extension": ".verity",
           "mimetype": "text/x-verity",
           "name": "verity"
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """.formatted(firstId(text)), text);
  }

  @Test
  void readingGivesBackTheCellsWrittenWhetherSourcesAreListsOrStrings() {
    assertEquals(CELLS, Ipynb.cells(Ipynb.render(CELLS), "n.ipynb"));
    String asStrings = """
        {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [
          {"cell_type": "markdown", "metadata": {}, "source": "# Title\\n\\nText"},
          {"cell_type": "code", "metadata": {}, "execution_count": 3, "outputs": [{"output_type": "stream",
           "name": "stdout", "text": "hello"}], "source": "model m = gpt()"}]}
        """;
    assertEquals(List.of(Cell.markdown("# Title\n\nText"), Cell.code("model m = gpt()")),
        Ipynb.cells(asStrings, "n.ipynb"));
  }

  @Test
  void whatIsNotANotebookIsSaidPlainly() {
    assertTrue(error("{\"cells\": [").startsWith("n.ipynb: not a notebook: invalid JSON at line 1"));
    assertEquals("n.ipynb: not an nbformat 4 notebook (it needs \"nbformat\": 4 and a \"cells\" list): save it from"
        + " Jupyter, or build it from its twin", error("{\"nbformat\": 3, \"worksheets\": []}"));
    assertEquals("n.ipynb: cell 1 is a 'raw' cell; a twin holds code and markdown cells only: change its type or"
        + " delete it", error("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"raw\", \"source\": \"\"}]}"));
  }

  private static String error(String json) {
    return assertThrows(NotebookFormatException.class, () -> Ipynb.cells(json, "n.ipynb")).getMessage();
  }

  /** The first cell's id, which the layout test cannot know in advance. */
  private static String firstId(String notebook) throws Exception {
    return NbJson.MAPPER.readTree(notebook).path("cells").get(0).path("id").asText();
  }
}
