package dev.verity.dsl.diag;

import dev.verity.dsl.Overrides;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The errors of one compilation, in source order; empty when the source is fine. */
public record Diagnostics(List<Diagnostic> list) {
  public static final Diagnostics NONE = new Diagnostics(List.of());

  public Diagnostics {
    list = List.copyOf(list);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public boolean hasErrors() {
    return !list.isEmpty();
  }

  public int size() {
    return list.size();
  }

  /** Both lists, sorted by file order of appearance, then line and column. */
  public Diagnostics plus(Diagnostics more) {
    List<Diagnostic> all = new ArrayList<>(list);
    all.addAll(more.list);
    return new Diagnostics(all);
  }

  /** Every diagnostic rendered with its source line and carets, separated by blank lines. */
  public String render() {
    return list.stream().map(Diagnostic::render).collect(Collectors.joining("\n\n"));
  }

  static Comparator<Diagnostic> order() {
    // an override's error first: it is usually why the file's own statements then fail
    return Comparator.comparing((Diagnostic d) -> Overrides.isOverride(d.span().file()) ? 0 : 1)
        .thenComparingInt(d -> d.span().line())
        .thenComparingInt(d -> d.span().column());
  }
}
