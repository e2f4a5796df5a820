package dev.verity.kernel.backend;

import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code %runs}: the run directories under runs/, oldest first: name, status, training steps recorded, start. */
final class RunsTable {
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private record Row(String name, String status, Integer steps, String started) {}

  private RunsTable() {}

  /** The runs under {@code runsDir}; empty when there is no such folder. A run that cannot be read says why. */
  static Table of(Path runsDir) {
    List<Row> rows = new ArrayList<>();
    for (Path dir : runDirectories(runsDir)) {
      rows.add(row(dir));
    }
    rows.sort(Comparator.comparing(Row::started).thenComparing(Row::name));
    IntColumn steps = IntColumn.create("steps");
    rows.forEach(r -> {
      if (r.steps() == null) {
        steps.appendMissing();
      } else {
        steps.append(r.steps());
      }
    });
    return Table.create("runs in " + runsDir,
        StringColumn.create("name", rows.stream().map(Row::name).toList()),
        StringColumn.create("status", rows.stream().map(Row::status).toList()),
        steps,
        StringColumn.create("started", rows.stream().map(Row::started).toList()));
  }

  private static List<Path> runDirectories(Path runsDir) {
    if (!Files.isDirectory(runsDir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(runsDir)) {
      return children.filter(RunDirectory::isRun).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runsDir + ": " + e.getMessage(), e);
    }
  }

  private static Row row(Path dir) {
    String name = dir.getFileName().toString();
    try {
      RunDirectory run = RunDirectory.openReadOnly(dir);
      Manifest manifest = run.manifest();
      return new Row(name, manifest.status().label(), run.records().metrics().size(),
          LOCAL.format(manifest.startedAt()));
    } catch (IOException | RuntimeException e) {
      return new Row(name, "unreadable: " + e.getMessage(), null, "");
    }
  }
}
