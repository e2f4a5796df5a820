package dev.verity.dsl.plan;

import dev.verity.dsl.ast.Span;
import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Definition;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A stable text rendering of a plan, one step per line with its place: golden tests compare it, and
 * {@code verity check} can show what a file will do. Paths print relative to the base folder as {@code <base>/…}.
 */
public final class PlanPrinter {
  private final Path base;

  private PlanPrinter(Path base) {
    this.base = base.toAbsolutePath().normalize();
  }

  public static String render(Plan plan, Path baseDir) {
    PlanPrinter printer = new PlanPrinter(baseDir);
    return plan.steps().stream()
        .map(step -> step.span().position() + " " + printer.value(step))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private String value(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof Definition<?> definition) {
      return definition.name();
    } else if (value instanceof Args args) {
      return value(args.values());
    } else if (value instanceof Record record) {
      return record(record);
    } else if (value instanceof Optional<?> optional) {
      return optional.map(this::value).orElse("none");
    } else if (value instanceof Path path) {
      Path absolute = path.toAbsolutePath().normalize();
      return absolute.startsWith(base) ? "<base>/" + base.relativize(absolute).toString().replace('\\', '/')
          : absolute.toString();
    } else if (value instanceof String text) {
      return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    } else if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> value(e.getKey()) + "=" + value(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    } else if (value instanceof List<?> list) {
      return list.stream().map(this::value).collect(Collectors.joining(", ", "[", "]"));
    } else if (value instanceof Enum<?> e) {
      return e.name();
    }
    return value.toString();
  }

  private String record(Record record) {
    StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('(');
    boolean first = true;
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      if (component.getType() == Span.class) {
        continue; // the step's place leads its line; nested spans would only repeat it
      }
      Object value;
      try {
        value = component.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
      }
      out.append(first ? "" : ", ").append(component.getName()).append('=').append(value(value));
      first = false;
    }
    return out.append(')').toString();
  }
}
