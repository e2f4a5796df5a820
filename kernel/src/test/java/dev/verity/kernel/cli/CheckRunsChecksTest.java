package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verity check} runs the file's check statements: a false one fails it, at its place, before any run. */
class CheckRunsChecksTest {
  @TempDir Path dir;

  @Test
  void aFalseCheckFailsTheCheckWithItsPlaceAndWhatTheRewardGave() throws Exception {
    Path file = Files.writeString(dir.resolve("checks.verity"), """
        task add = addition(digits: 1..2)
        reward correct = exact_answer()
        check correct(prompt: "12+30=", response: "42", answer: "42") == 1
        check correct(prompt: "12+30=", response: "41", answer: "42") == 1
        check correct(prompt: "12+30=", response: "42 ", answer: "42", task: add) == 1
        """);
    Cli.Ran ran = Cli.verity("check", file.toString());
    assertEquals(Verity.FAILED, ran.exitCode(), ran.all());
    assertTrue(ran.err().contains(file + ":4:1: error: check failed: correct(prompt: \"12+30=\", response: \"41\","
        + " answer: \"42\") == 1: got 0 [correct = 0, exact_answer = 0]; fix the reward or the check\n"), ran.all());
    assertTrue(ran.err().contains(file + ":5:1: error: check failed: correct(prompt: \"12+30=\", response: \"42 \","
        + " answer: \"42\", task: add) == 1: got 0"), ran.all());
    assertTrue(ran.err().strip().endsWith("2 checks fail"), ran.all());
    assertEquals("", ran.out(), "no 'ok' for a file whose checks fail");
    assertTrue(Files.notExists(dir.resolve("runs")), "nothing ran");
  }

  @Test
  void checksThatHoldLeaveTheFileOk() throws Exception {
    Path file = Files.writeString(dir.resolve("good.verity"), """
        task add = addition(digits: 1..2)
        reward correct = exact_answer()
        check correct(prompt: "12+30=", response: "42", answer: "42") == 1
        check correct(prompt: "12+30=", response: "42", answer: "42", task: add) >= 1
        """);
    Cli.Ran ran = Cli.verity("check", file.toString());
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    assertEquals(file + ": ok (4 statements)\n", ran.out());
  }

  @Test
  void aSettingThatCannotLearnIsAWarningWithItsPlaceAndTheFileIsStillOk() throws Exception {
    Path file = Files.writeString(dir.resolve("greedy.verity"), """
        task add = addition(digits: 1..2)
        model policy = gpt(layers: 1, heads: 1, dim: 16, context: 32)
        rl policy on add { reward: exact_answer(), sampling: sample(temperature: 0, per_prompt: 4, max_tokens: 8), steps: 5 }
        """);
    Cli.Ran ran = Cli.verity("check", file.toString());
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith(file + ":3:54: warning: this sampling has temperature 0 (greedy) and"
        + " per_prompt 4: every sample of a prompt is the same response"), ran.all());
    assertEquals(file + ": ok (3 statements)\n", ran.out());
  }
}
