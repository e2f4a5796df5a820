package dev.verity.kernel.fuzz;

import dev.verity.dsl.builtin.DocGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The valid sources the fuzzer mutates: the DSL's reference example, every notebook twin (whole, and each of its
 * cells), and the checker's test cells (dsl/src/test/resources/cells, which hold errors of their own).
 */
final class FuzzCorpus {
  private FuzzCorpus() {}

  static List<String> load(Path root) throws IOException {
    List<String> seeds = new ArrayList<>();
    seeds.add(DocGenerator.referenceExample());
    for (Path twin : files(root.resolve("notebooks"))) {
      String text = Files.readString(twin);
      seeds.add(text);
      for (String cell : text.split("(?m)^# %%.*$")) {
        if (!cell.isBlank()) {
          seeds.add(cell.strip() + "\n");
        }
      }
    }
    for (Path cell : files(root.resolve("dsl/src/test/resources/cells"))) {
      seeds.add(Files.readString(cell));
    }
    return seeds;
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.toString().endsWith(".verity")).sorted().toList();
    }
  }
}
