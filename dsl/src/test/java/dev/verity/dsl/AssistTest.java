package dev.verity.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.assist.Assist;
import dev.verity.dsl.assist.Completeness;
import dev.verity.dsl.assist.Completion;
import dev.verity.dsl.assist.Inspection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Completion, inspection and completeness as the notebook kernel asks for them. */
class AssistTest {
  private static final String SESSION = """
      task add = addition(digits: 2..6)
      task add_test = addition(digits: 2..6, count: 64)
      model policy = gpt()
      reward correct = exact_answer()
      sampling explore = sample(per_prompt: 8)
      sampling greedy = sample(temperature: 0)
      """;
  private static final Environment ENV =
      Compiler.compile(SESSION, "session", Path.of(".")).environment();

  /** Completes at the '|' marker. */
  private static Completion complete(String code) {
    int cursor = code.indexOf('|');
    return Assist.complete(code.replace("|", ""), cursor, ENV);
  }

  @Test
  void statementKeywordsAtTheStartOfALine() {
    Completion c = complete("s|");
    assertEquals(List.of("sampling", "sft", "save"), c.texts());
    assertEquals(0, c.start());
    assertEquals(1, c.end());
  }

  @Test
  void theWholeWordIsReplaced() {
    Completion c = complete("rl pol|icy on add {");
    assertEquals(List.of("policy"), c.texts());
    assertEquals(3, c.start());
    assertEquals(9, c.end());
  }

  @Test
  void aCharacterBeyondTheBasicPlaneEarlierOnTheLineChangesNothing() {
    Completion c = complete("check correct(prompt: \"\uD83D\uDE00+1=\", resp|");
    assertEquals(List.of("response: "), c.texts());
    Completion d = complete("sampling s = sample(per|) # \uD83D\uDE00");
    assertEquals(List.of("per_prompt: "), d.texts());
  }

  @Test
  void sessionNamesOfTheRightKind() {
    assertEquals(List.of("add", "add_test"), complete("sft policy on |").texts());
    assertEquals(List.of("policy"), complete("eval |").texts());
    assertEquals(List.of("explore", "greedy"), complete("eval policy on add_test with |").texts());
  }

  @Test
  void namesDeclaredEarlierInTheSameCell() {
    assertTrue(complete("task mult = multiplication()\nsft policy on m|").texts().contains("mult"));
  }

  @Test
  void builtinsAfterADeclaration() {
    assertEquals(List.of("addition"), complete("task t = add|").texts());
    assertEquals(List.of("gpt", "copy"), complete("model m = |").texts());
    assertTrue(complete("reward r = correct + 0.1 * |").texts().containsAll(List.of("correct", "format", "len")));
  }

  @Test
  void argumentNamesInsideACall() {
    assertEquals(List.of("digits: ", "count: "), complete("task t = addition(|").texts());
    assertEquals(List.of("per_prompt: "), complete("sampling s = sample(temperature: 1, per|").texts());
    assertEquals(List.of("reference", "previous"), complete("rl policy on add { kl: k3(0.01, to: |").texts());
  }

  @Test
  void settingKeysAndValuesInsideABlock() {
    assertEquals(List.of("sampling: ", "steps: "),
        complete("rl policy on add {\n  reward: correct\n  s|").texts());
    assertEquals(List.of("correct"), complete("rl policy on add {\n  reward: c|").texts().subList(0, 1));
    assertTrue(complete("rl policy on add {\n  algorithm: |").texts().containsAll(List.of("grpo", "rloo")));
    assertEquals(List.of("uniform", "failure_rate"), complete("rl policy on add { prioritize: |").texts());
    assertEquals(List.of("greedy"), complete("rl policy on add { eval: add_test with g|").texts());
  }

  @Test
  void plotMetricsAxesAndStages() {
    assertTrue(complete("plot |").texts().containsAll(List.of("accuracy", "reward_mean", "pass_at_k")));
    assertEquals(List.of("step", "level", "response_len_mean"), complete("plot accuracy by |").texts());
    assertEquals(List.of("run_a"), complete("rl run_a: policy on add { steps: 1 }\nplot accuracy by step for |")
        .texts());
  }

  @Test
  void inspectShowsSignatureAndDoc() {
    Inspection i = Assist.inspect("task t = addition(digits: 2..6)", 11).orElseThrow();
    assertEquals("addition(digits: 2..6, count: 0)", i.signature());
    assertTrue(i.doc().contains("a+b="));
    Inspection inCall = Assist.inspect("sampling s = sample(temperature: 1, ", 36).orElseThrow();
    assertEquals("sample", inCall.name());
    Inspection setting = Assist.inspect("rl policy on add {\n  steps: 10", 23).orElseThrow();
    assertEquals("steps: a whole number ≥ 1 (required)", setting.signature());
    Inspection curriculum = Assist.inspect("rl p on a { curriculum: linear(digits: 2..3 -> 2..6) }", 26)
        .orElseThrow();
    assertTrue(curriculum.doc().contains("difficulty"));
    Inspection cosine = Assist.inspect("rl p on a { curriculum: cosine(digits: 2..3 -> 2..6) }", 26).orElseThrow();
    assertEquals("cosine(KNOB: a..b -> c..d, warmup: N)", cosine.signature());
    assertEquals("rl [LABEL:] MODEL on TASK { SETTINGS }", Assist.inspect("rl", 1).orElseThrow().signature());
    assertFalse(Assist.inspect("task t = nothing_here", 14).isPresent());
  }

  @Test
  void completenessOfCells() {
    assertEquals(Completeness.COMPLETE, Assist.isComplete(SESSION));
    assertEquals(Completeness.COMPLETE, Assist.isComplete("# just a comment\n"));
    assertEquals(Completeness.INCOMPLETE, Assist.isComplete("sft policy on add {\n  steps: 10\n"));
    assertEquals(Completeness.INCOMPLETE, Assist.isComplete("task t = addition(digits: 2..6,"));
    assertEquals(Completeness.INCOMPLETE, Assist.isComplete("reward r = correct +"));
    assertEquals(Completeness.INVALID, Assist.isComplete("task t = addition(digits: 2..6))"));
    assertEquals(Completeness.INVALID, Assist.isComplete("experiment \"x"));
    assertEquals(Completeness.INVALID, Assist.isComplete("tsk t = addition()"));
  }

  /** Found by the fuzzer (kernel FuzzedCellsTest): the parser recursed past the stack and the overflow escaped. */
  @Test
  void aCellNestedTooDeeplyForTheStackIsInvalidNotAnOverflow() {
    String negations = "reward r = " + "-".repeat(50_000) + "1";
    String brackets = "reward r = " + "(".repeat(50_000) + "1" + ")".repeat(50_000);
    assertEquals(Completeness.INVALID, Assist.isComplete(negations));
    assertEquals(Completeness.INVALID, Assist.isComplete(brackets));
    assertTrue(Compiler.compile(negations, "cell", Path.of(".")).diagnostics().list().get(0).message()
        .contains("nests more than 100 levels deep"), "running it says why");
    Assist.complete(brackets, brackets.length() / 2, ENV);
    Assist.inspect(brackets, 12);
  }

  @Test
  void neverThrowsOnAnyCursor() {
    String code = SESSION + "rl policy on add { reward: correct, kl: k3(0.01, to: reference) }\nplot accuracy by step";
    for (int cursor = -1; cursor <= code.length() + 1; cursor++) {
      Assist.complete(code, cursor, ENV);
      Assist.inspect(code, cursor);
      Assist.isComplete(code.substring(0, Math.max(0, Math.min(cursor, code.length()))));
    }
  }
}
