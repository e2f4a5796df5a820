package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.verity.dsl.assist.Assist;
import dev.verity.dsl.builtin.DocGenerator;
import dev.verity.dsl.diag.Diagnostic;
import dev.verity.grammar.VerityLexer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated and mutated cells through parse + check: random tokens from the grammar's vocabulary,
 * truncations, deletions and line shuffles of the reference example, and random bytes. No exception may escape,
 * and every diagnostic must point at a line and column inside its input.
 */
class FuzzTest {
  private static final String REFERENCE = DocGenerator.referenceExample();
  private static final Path BASE = GoldenPlanTest.PLANS;
  private static final String[] EXTRA = {
    "add", "policy", "correct", "explore", "greedy", "add_test", "addition", "gpt", "sample", "steps", "digits",
    "2..6", "1e-3", "0.5", "\"data/problems.jsonl\"", "re\"^[0-9]+$\"", "re\"[\"", "\"x", "\n", "\n", "#c\n",
    "grpo", "k3", "none", "mix", "linear", "cosine", "rollouts", "accuracy", "step", "level", "@", "'",
    "((((((((((", "}}}", "-", "0", "99999999999999999999", "1e999"
  };

  @Test
  void noInputEscapesAsAnExceptionAndEveryDiagnosticIsPlaced() {
    SplittableRandom random = new SplittableRandom(20240601);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      inputs.add(randomTokens(random, 1 + random.nextInt(40)));
    }
    for (int cut = 0; cut <= REFERENCE.length(); cut += 2) {
      inputs.add(REFERENCE.substring(0, cut));
    }
    for (int i = 0; i < 1500; i++) {
      inputs.add(deleteSomething(random, REFERENCE));
    }
    for (int i = 0; i < 600; i++) {
      inputs.add(shuffleLines(random, REFERENCE));
    }
    for (int i = 0; i < 1000; i++) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      inputs.add(new String(bytes, i % 2 == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
    }
    long started = System.nanoTime();
    int diagnostics = 0;
    for (String input : inputs) {
      diagnostics += check(input);
    }
    System.out.printf("fuzz: %d inputs, %d diagnostics, %.1f s%n", inputs.size(), diagnostics,
        (System.nanoTime() - started) / 1e9);
    assertTrue(inputs.size() > 5000);
  }

  private static int check(String input) {
    Compilation c;
    try {
      c = Compiler.compile(input, "fuzz.verity", BASE, Environment.EMPTY, Overrides.NONE);
      Assist.isComplete(input);
      Assist.complete(input, input.length() / 2, Environment.EMPTY);
      Assist.inspect(input, input.length() / 3);
    } catch (Throwable escaped) {
      throw new AssertionError("escaped on input:\n" + input, escaped);
    }
    String[] lines = input.split("\n", -1);
    for (Diagnostic d : c.diagnostics().list()) {
      int line = d.span().line();
      if (line < 1 || line > lines.length) {
        fail("line " + line + " outside the input (" + lines.length + " lines): " + d.headline() + "\n" + input);
      }
      String text = lines[line - 1];
      int columns = text.codePointCount(0, text.length()) + 1;
      if (d.span().column() < 1 || d.span().column() > columns) {
        fail("column " + d.span().column() + " outside line " + line + ": " + d.headline() + "\n" + input);
      }
      if (d.message().startsWith("internal error")) {
        fail("internal error on input:\n" + input + "\n" + d.render());
      }
      d.render();
    }
    return c.diagnostics().size();
  }

  private static String randomTokens(SplittableRandom random, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (random.nextInt(3) == 0) {
        out.append(EXTRA[random.nextInt(EXTRA.length)]);
      } else {
        int type = 1 + random.nextInt(VerityLexer.VOCABULARY.getMaxTokenType());
        String literal = VerityLexer.VOCABULARY.getLiteralName(type);
        out.append(literal == null ? "x" + type : literal.substring(1, literal.length() - 1));
      }
      out.append(random.nextInt(4) == 0 ? "" : " ");
    }
    return out.toString();
  }

  private static String deleteSomething(SplittableRandom random, String text) {
    int from = random.nextInt(text.length());
    int length = 1 + random.nextInt(random.nextBoolean() ? 3 : 60);
    return text.substring(0, from) + text.substring(Math.min(text.length(), from + length));
  }

  private static String shuffleLines(SplittableRandom random, String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    for (int swaps = 1 + random.nextInt(4); swaps > 0; swaps--) {
      int a = random.nextInt(lines.size());
      int b = random.nextInt(lines.size());
      if (random.nextBoolean()) {
        String moved = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, moved);
      } else {
        lines.remove(a);
      }
    }
    return String.join("\n", lines) + "\n";
  }
}
