package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.plan.PlanPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden plans: {@code plans/X.verity} compiles to exactly {@code plans/X.plan} ({@code # set NAME.SETTING=VALUE}
 * lines add overrides). Run with
 * {@code -Dverity.regenerate=true} to rewrite the .plan files after an intended change, then review the diff.
 */
class GoldenPlanTest {
  static final Path PLANS = Path.of("src/test/resources/plans");

  static Stream<Path> sources() throws IOException {
    return Files.list(PLANS).filter(p -> p.toString().endsWith(".verity")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void compilesToItsGoldenPlan(Path source) throws IOException {
    String file = source.getFileName().toString();
    String text = Files.readString(source);
    List<String> sets = text.lines().filter(l -> l.startsWith("# set ")).map(l -> l.substring(6).strip()).toList();
    Compilation compiled = Compiler.compile(text, file, PLANS, Environment.EMPTY, Overrides.parse(sets));
    assertTrue(compiled.ok(), () -> file + " has errors:\n" + compiled.diagnostics().render());
    String plan = PlanPrinter.render(compiled.plan().orElseThrow(), PLANS);
    Path golden = PLANS.resolve(file.replace(".verity", ".plan"));
    if (Boolean.getBoolean("verity.regenerate")) {
      Files.writeString(golden, plan, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden), plan, file);
  }
}
