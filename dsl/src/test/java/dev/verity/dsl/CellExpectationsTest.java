package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.diag.Diagnostic;
import dev.verity.dsl.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jlox-style source tests: every {@code cells/*.verity} carries its expected diagnostics inline, as
 * {@code # expect error LINE:COL: message} (or {@code # expect error FILE:LINE:COL: message} for an override's
 * value), warnings as {@code # expect warning LINE:COL: message}, and {@code # set NAME.SETTING=VALUE} lines add
 * overrides. A file without expected errors must check cleanly and produce a plan; warnings are matched exactly
 * too, so every cell says which it gives.
 */
class CellExpectationsTest {
  static final Path CELLS = Path.of("src/test/resources/cells");
  private static final Pattern EXPECT =
      Pattern.compile("#\\s*expect (error|warning) (.*?)(?=\\s*#\\s*expect (?:error|warning)|$)");
  private static final Pattern SET = Pattern.compile("^#\\s*set (.*)$");

  static Stream<Path> cells() throws IOException {
    return Files.list(CELLS).filter(p -> p.toString().endsWith(".verity")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void reportsExactlyTheExpectedErrors(Path cell) throws IOException {
    String file = cell.getFileName().toString();
    String source = Files.readString(cell);
    List<String> expected = new ArrayList<>();
    List<String> expectedWarnings = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    for (String line : source.split("\n", -1)) {
      Matcher expect = EXPECT.matcher(line);
      while (expect.find()) {
        String e = expect.group(2).strip();
        (expect.group(1).equals("error") ? expected : expectedWarnings)
            .add(Character.isDigit(e.charAt(0)) ? file + ":" + e : e);
      }
      Matcher set = SET.matcher(line);
      if (set.find()) {
        sets.add(set.group(1).strip());
      }
    }
    Compilation compiled = Compiler.compile(source, file, CELLS, Environment.EMPTY, Overrides.parse(sets));
    assertEquals(sorted(expected), sorted(lines(compiled.diagnostics())), () -> "diagnostics of " + file + ":\n"
        + compiled.diagnostics().render());
    assertEquals(sorted(expectedWarnings), sorted(lines(compiled.warnings())), () -> "warnings of " + file + ":\n"
        + compiled.warnings().render());
    assertEquals(expected.isEmpty(), compiled.ok(), "a plan exactly when there are no errors");
    for (Diagnostic d : compiled.diagnostics().plus(compiled.warnings()).list()) {
      assertTrue(d.render().contains("^"), "every diagnostic points at its place");
    }
  }

  private static List<String> lines(Diagnostics diagnostics) {
    return diagnostics.list().stream()
        .map(d -> d.span().file() + ":" + d.span().line() + ":" + d.span().column() + ": " + d.message())
        .toList();
  }

  private static String sorted(List<String> lines) {
    return lines.stream().sorted().collect(Collectors.joining("\n"));
  }
}
