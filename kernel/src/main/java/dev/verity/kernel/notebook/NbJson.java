package dev.verity.kernel.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON laid out as Jupyter's nbformat writes it (keys sorted, one-space indent, {@code "key": value}, {@code []} and
 * {@code {}} for empty ones, a final newline), so that executing a built notebook changes only what ran.
 */
final class NbJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter(" ", "\n"))
      .withArrayIndenter(new DefaultIndenter(" ", "\n"));

  private NbJson() {}

  /** {@code value} (maps, lists, strings, numbers) as nbformat would write it. */
  static String write(Object value) {
    try {
      return MAPPER.writer(LAYOUT).writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a notebook of plain maps and lists always serialises", e);
    }
  }
}
