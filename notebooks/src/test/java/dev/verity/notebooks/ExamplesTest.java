package dev.verity.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The experiment files in examples/, cited by the README and the notebooks, are valid as written. */
class ExamplesTest {
  private static final Path EXAMPLES = Folder.PATH.resolve("../examples").normalize();

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> all = files.filter(f -> f.toString().endsWith(".verity")).sorted().toList();
      assertFalse(all.isEmpty(), "no .verity files in " + EXAMPLES);
      return all;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void checksWithoutErrors(Path file) throws IOException {
    Compilation c = Compiler.compile(Files.readString(file), file.getFileName().toString(), EXAMPLES,
        Environment.EMPTY, Overrides.parse(List.of()));
    assertTrue(c.ok(), () -> c.diagnostics().render());
  }
}
