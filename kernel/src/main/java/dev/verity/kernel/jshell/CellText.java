package dev.verity.kernel.jshell;

import java.util.List;

/** A cell's text, to turn char offsets into the 1-based lines and columns that messages name. */
record CellText(String name, String text) {

  int line(int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  int column(int offset) {
    int at = Math.min(offset, text.length());
    return at - (text.lastIndexOf('\n', at - 1) + 1) + 1;
  }

  /** The text of 1-based {@code line}, empty past the end. */
  String lineText(int line) {
    List<String> lines = text.lines().toList();
    return line - 1 < lines.size() ? lines.get(line - 1) : "";
  }
}
