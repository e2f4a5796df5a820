package dev.verity.kernel.jshell;

import dev.verity.kernel.cell.Completions;
import dev.verity.kernel.cell.HelpText;
import dev.verity.kernel.cell.IsComplete;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Editor help in Java cells from JShell's source analysis, which reads one snippet at a time: the cell is cut at
 * its snippet boundaries and the snippet under the cursor is asked. Names declared in earlier cells are known.
 */
final class JavaAssist {
  private JavaAssist() {}

  static Completions complete(SourceCodeAnalysis analysis, String code, int cursor) {
    int start = snippetStart(analysis, code, cursor);
    int[] anchor = new int[1];
    List<String> matches = analysis.completionSuggestions(code.substring(start, cursor), cursor - start, anchor)
        .stream().map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
    return matches.isEmpty() ? Completions.none(cursor) : new Completions(matches, start + anchor[0], cursor);
  }

  /** The signatures of what the cursor is on or inside the parentheses of (each overload on a line). */
  static Optional<HelpText> inspect(SourceCodeAnalysis analysis, String code, int cursor) {
    int start = snippetStart(analysis, code, cursor);
    String text = analysis.documentation(code.substring(start, cursor), cursor - start, false).stream()
        .map(SourceCodeAnalysis.Documentation::signature).distinct().collect(Collectors.joining("\n"));
    return text.isEmpty() ? Optional.empty() : Optional.of(new HelpText(text));
  }

  /** Incomplete while the last snippet is open (a block, a parenthesis); invalid when JShell cannot read it. */
  static IsComplete isComplete(SourceCodeAnalysis analysis, String code) {
    String rest = code;
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      Completeness completeness = info.completeness();
      if (completeness == Completeness.DEFINITELY_INCOMPLETE || completeness == Completeness.CONSIDERED_INCOMPLETE) {
        return IsComplete.incomplete(nextIndent(code));
      }
      if (completeness == Completeness.UNKNOWN) {
        return IsComplete.INVALID;
      }
      if (info.source() == null) {
        break;
      }
      rest = info.remaining();
    }
    return IsComplete.COMPLETE;
  }

  /** Where the snippet holding {@code cursor} starts: after the last complete snippet that ends before it. */
  private static int snippetStart(SourceCodeAnalysis analysis, String code, int cursor) {
    int at = Math.max(0, Math.min(cursor, code.length()));
    String before = code.substring(0, at);
    int start = 0;
    String rest = before;
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      if (info.source() == null || !info.completeness().isComplete() || info.remaining().isEmpty()) {
        break;
      }
      start = before.length() - info.remaining().length();
      rest = info.remaining();
    }
    return start;
  }

  /** The last line's indent, one step deeper after an open brace. */
  private static String nextIndent(String code) {
    List<String> lines = code.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return "";
    }
    String line = lines.get(lines.size() - 1);
    String indent = line.substring(0, line.length() - line.stripLeading().length());
    return line.strip().endsWith("{") ? indent + "    " : indent;
  }
}
