package dev.verity.kernel.render;

import dev.verity.engine.doctor.Finding;
import dev.verity.engine.report.Chart;
import dev.verity.engine.report.Verdict;
import dev.verity.kernel.sweep.BandChart;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * Renderers registered per type. A value is rendered by the renderer of its own class, else of its nearest
 * superclass or interface, else as {@code String.valueOf}. Immutable: {@link #with} returns a new registry.
 */
public final class Renderers {
  private final Map<Class<?>, Renderer<?>> byType;

  private Renderers(Map<Class<?>, Renderer<?>> byType) {
    this.byType = Map.copyOf(byType);
  }

  /** Nothing registered: every value renders as plain text. */
  public static Renderers empty() {
    return new Renderers(Map.of());
  }

  /**
   * Verity's values: text, Tablesaw tables, charts (Verity's and XChart's), a sweep's charts with bands, check
   * verdicts, the doctor's findings.
   */
  public static Renderers standard() {
    return XChartRenderer.addTo(empty()
        .with(String.class, MimeBundle::text)
        .with(Table.class, new TableRenderer(TableRenderer.DEFAULT_MAX_ROWS))
        .with(Chart.class, new ChartRenderer(ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT))
        .with(BandChart.class, new BandChartRenderer())
        .with(Verdict.class, new VerdictRenderer())
        .with(Finding.class, new FindingRenderer()));
  }

  /** This registry with {@code renderer} for {@code type} (replacing any before). */
  public <T> Renderers with(Class<T> type, Renderer<? super T> renderer) {
    Map<Class<?>, Renderer<?>> more = new LinkedHashMap<>(byType);
    more.put(type, renderer);
    return new Renderers(more);
  }

  /** Renders {@code value}; {@code null} shows as {@code null}. */
  public MimeBundle render(Object value) {
    if (value == null) {
      return MimeBundle.text("null");
    }
    Renderer<?> renderer = find(value.getClass());
    return renderer == null ? MimeBundle.text(String.valueOf(value)) : apply(renderer, value);
  }

  @SuppressWarnings("unchecked")
  private static <T> MimeBundle apply(Renderer<T> renderer, Object value) {
    return renderer.render((T) value); // safe: found by value's own class or a supertype of it
  }

  /** Breadth-first over the class, its superclasses and interfaces: the nearest registered type wins. */
  private Renderer<?> find(Class<?> type) {
    Deque<Class<?>> queue = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    queue.add(type);
    while (!queue.isEmpty()) {
      Class<?> next = queue.poll();
      if (!seen.add(next)) {
        continue;
      }
      Renderer<?> renderer = byType.get(next);
      if (renderer != null) {
        return renderer;
      }
      if (next.getSuperclass() != null) {
        queue.add(next.getSuperclass());
      }
      queue.addAll(List.of(next.getInterfaces()));
    }
    return null;
  }
}
