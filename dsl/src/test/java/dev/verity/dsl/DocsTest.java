package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.DocGenerator;
import dev.verity.dsl.builtin.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/dsl.md is exactly what the built-in table generates; rewrite it with -Dverity.regenerate=true. */
class DocsTest {
  static final Path DOC = Path.of("../docs/dsl.md");

  @Test
  void referencePageMatchesTheBuiltinTable() throws IOException {
    String generated = DocGenerator.markdown();
    if (Boolean.getBoolean("verity.regenerate")) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(DOC), "docs/dsl.md is missing: run mvn -pl dsl test -Dtest=DocsTest"
        + " -Dverity.regenerate=true");
    assertEquals(generated, Files.readString(DOC),
        "docs/dsl.md is stale: run mvn -pl dsl test -Dtest=DocsTest -Dverity.regenerate=true");
  }

  @Test
  void everyBuiltinIsDocumented() {
    String page = DocGenerator.markdown();
    for (Builtin b : Builtins.all()) {
      assertTrue(page.contains("`" + b.signature() + "`") || b.kind() == Kind.STATEMENT && page.contains(b.usage()),
          b.name() + " is missing from the page");
      assertTrue(!b.doc().isBlank(), b.name() + " has no doc line");
    }
  }

  @Test
  void referenceExampleIsDesignsExample() throws IOException {
    assertEquals(DocGenerator.referenceExample(), Files.readString(GoldenPlanTest.PLANS.resolve("reference.verity")),
        "the golden-plan copy of the reference example must stay verbatim");
  }
}
