package dev.verity.dsl.diag;

import dev.verity.dsl.ast.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the diagnostics of one compilation: errors, and apart from them warnings. It knows the text of every source (the cell and each override's
 * value) so that each diagnostic can carry the line it points into. One reporter per compilation; not shared.
 */
public final class Reporter {
  private final Map<String, List<String>> sources = new HashMap<>();
  private final Set<Diagnostic> diagnostics = new LinkedHashSet<>(); // identical reports (one per stage) once
  private final Set<Diagnostic> warnings = new LinkedHashSet<>();

  /** Registers a source so diagnostics in it can show their line. */
  public Reporter source(String file, String text) {
    sources.put(file, lines(text));
    return this;
  }

  public void error(Span span, String message) {
    diagnostics.add(new Diagnostic(span, message, line(span.file(), span.line())));
  }

  /** A setting that runs but cannot learn: reported, not counted as an error, so the plan still runs. */
  public void warn(Span span, String message) {
    warnings.add(new Diagnostic(span, message, line(span.file(), span.line()), Diagnostic.Severity.WARNING));
  }

  public boolean hasErrors() {
    return !diagnostics.isEmpty();
  }

  public int count() {
    return diagnostics.size();
  }

  /** What was reported, sorted by place. */
  public Diagnostics diagnostics() {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(Diagnostics.order());
    return new Diagnostics(sorted);
  }

  /** The warnings, sorted by place. */
  public Diagnostics warnings() {
    List<Diagnostic> sorted = new ArrayList<>(warnings);
    sorted.sort(Diagnostics.order());
    return new Diagnostics(sorted);
  }

  private String line(String file, int line) {
    List<String> text = sources.get(file);
    if (text == null || line < 1 || line > text.size()) {
      return "";
    }
    return text.get(line - 1);
  }

  /** Lines as ANTLR counts them: only \n ends a line (a \r before it is dropped); a trailing \n opens an empty one. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    return out;
  }
}
