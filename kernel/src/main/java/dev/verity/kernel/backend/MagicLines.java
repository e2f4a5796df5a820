package dev.verity.kernel.backend;

/**
 * The {@code %} lines at the top of a cell as editor help sees them: replaced by blanks of the same length, so the
 * DSL's assistance reads the code alone and every cursor offset still points at the same character.
 */
final class MagicLines {
  private MagicLines() {}

  /** {@code code} with its leading magic lines blanked out; line breaks and offsets unchanged. */
  static String blank(String code) {
    StringBuilder out = new StringBuilder(code);
    int start = 0;
    while (start <= code.length()) {
      int end = code.indexOf('\n', start);
      end = end < 0 ? code.length() : end;
      String line = code.substring(start, end).strip();
      if (line.startsWith("%")) {
        for (int i = start; i < end; i++) {
          out.setCharAt(i, ' ');
        }
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        break; // magics go only above the code
      }
      start = end + 1;
    }
    return out.toString();
  }

  /** Whether the cursor is on a magic line, where DSL help has nothing to say. */
  static boolean isMagicLine(String code, int cursor) {
    int at = Math.max(0, Math.min(cursor, code.length()));
    int start = code.lastIndexOf('\n', at - 1) + 1;
    int end = code.indexOf('\n', at);
    String line = code.substring(start, end < 0 ? code.length() : end);
    return line.strip().startsWith("%");
  }

  /** The indent a console should put on the next line: the last line's, one step deeper after an open brace. */
  static String nextIndent(String code) {
    String[] lines = code.split("\n", -1);
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i];
      if (!line.isBlank()) {
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        return line.strip().endsWith("{") ? indent + "  " : indent;
      }
    }
    return "";
  }
}
