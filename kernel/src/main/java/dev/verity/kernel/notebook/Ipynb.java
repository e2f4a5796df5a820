package dev.verity.kernel.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jupyter notebooks (nbformat 4.5) for the Verity kernel: {@link #render} writes cells as a notebook with empty
 * outputs; {@link #cells} reads a notebook's cells back, outputs and execution counts left aside.
 */
public final class Ipynb {
  static final Map<String, Object> KERNELSPEC = Map.of("name", "verity", "display_name", "Verity", "language", "verity");
  /** What the kernel reports about its language, less its version (which nbconvert fills in when it runs). */
  static final Map<String, Object> LANGUAGE_INFO = Map.of("name", "verity", "file_extension", ".verity",
      "mimetype", "text/x-verity", "codemirror_mode", "verity");

  private Ipynb() {}

  /** The notebook of {@code cells}, as JSON text: never executed, no outputs; cell ids from each cell's content. */
  public static String render(List<Cell> cells) {
    List<Object> json = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Cell cell : cells) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("cell_type", cell.kind().nbformatName());
      c.put("id", id(cell, seen));
      c.put("metadata", Map.of());
      c.put("source", lines(cell.source()));
      if (cell.kind() == Cell.Kind.CODE) {
        c.put("execution_count", null);
        c.put("outputs", List.of());
      }
      json.add(c);
    }
    Map<String, Object> notebook = new LinkedHashMap<>();
    notebook.put("cells", json);
    notebook.put("metadata", Map.of("kernelspec", KERNELSPEC, "language_info", LANGUAGE_INFO));
    notebook.put("nbformat", 4);
    notebook.put("nbformat_minor", 5);
    return NbJson.write(notebook);
  }

  /** The code and markdown cells of the notebook {@code json}; {@code file} names it in errors. */
  public static List<Cell> cells(String json, String file) {
    JsonNode notebook;
    try {
      notebook = NbJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new NotebookFormatException(file + ": not a notebook: invalid JSON at line "
          + e.getLocation().getLineNr() + " (" + e.getOriginalMessage() + ")");
    }
    if (notebook == null || notebook.path("nbformat").asInt() != 4 || !notebook.path("cells").isArray()) {
      throw new NotebookFormatException(file + ": not an nbformat 4 notebook (it needs \"nbformat\": 4 and a"
          + " \"cells\" list): save it from Jupyter, or build it from its twin");
    }
    List<Cell> cells = new ArrayList<>();
    int n = 0;
    for (JsonNode cell : notebook.path("cells")) {
      n++;
      String type = cell.path("cell_type").asText();
      Cell.Kind kind = switch (type) {
        case "code" -> Cell.Kind.CODE;
        case "markdown" -> Cell.Kind.MARKDOWN;
        default -> throw new NotebookFormatException(file + ": cell " + n + " is a '" + type + "' cell; a twin holds"
            + " code and markdown cells only: change its type or delete it");
      };
      cells.add(new Cell(kind, source(cell.path("source"))));
    }
    return cells;
  }

  /** nbformat keeps multi-line text as a list of lines, each but the last ending in a newline. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', from)) {
      out.add(text.substring(from, i + 1));
      from = i + 1;
    }
    if (from < text.length()) {
      out.add(text.substring(from));
    }
    return out;
  }

  /** A source as a string or a list of lines. */
  private static String source(JsonNode source) {
    if (!source.isArray()) {
      return source.asText();
    }
    StringBuilder text = new StringBuilder();
    source.forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  /**
   * A cell id (nbformat 4.5: 1–64 of {@code [a-zA-Z0-9-_]}) from the cell's content, so rebuilding after an edit
   * keeps the other cells' ids; a repeated cell gets {@code -2}, {@code -3}, ….
   */
  private static String id(Cell cell, Map<String, Integer> seen) {
    String hash = sha256(cell.kind().name() + "\n" + cell.source()).substring(0, 8);
    int count = seen.merge(hash, 1, Integer::sum);
    return count == 1 ? hash : hash + "-" + count;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
