package dev.verity.dsl.builtin;

import dev.verity.engine.task.GeneratorType;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.TaskType;
import dev.verity.engine.task.TaskTypes;
import dev.verity.engine.task.TraceStyle;
import java.util.SplittableRandom;

/**
 * The "Answers and traces" section of docs/dsl.md: the final-answer convention, jsonl's ways to read answers, and
 * for each built-in generator one problem drawn by the generator itself, with its trace in every style, so the
 * examples cannot drift from what training sees.
 */
final class AnswerDocs {
  /** The seed of the example problems: fixed, so the page is the same at every generation. */
  private static final long SEED = 7;

  private AnswerDocs() {}

  static void section(StringBuilder md) {
    md.append("## Answers and traces\n\n")
        .append("A response's final answer is what follows its last `>`, or the whole response when it has no `>`."
            + " For `addition`, `multiplication`, `modchain` and `jsonl` it is right when it equals the problem's"
            + " answer character for character: no trimming, and a leading zero makes it wrong; for `countdown`"
            + " when it is an expression that uses the given numbers and reaches the target (the answer shown below"
            + " is one such). A task's verifier decides `exact_answer` and `eval`'s accuracy. SFT traces end with `>`"
            + " and the answer; a trace style says what comes before the `>`: nothing (`direct`), the steps"
            + " (`scratchpad`), the steps with notes (`verbose`), or the steps with some written wrong first, then"
            + " `!` and the step again, right (`reflect`, for addition, multiplication and modchain, whose steps"
            + " `expression=value|` can be checked: `step_errors()` counts the wrong ones, corrected or not).\n\n")
        .append("A `jsonl` task reads its prompts and answers from a file (one JSON object per line; without"
            + " `extract`, an answer may not contain `>`). Its `trace` field, when given, is the scratchpad: the trace is that text, then"
            + " `>` and the answer (kept as written when it already ends so); `verbose` is the same text. It can"
            + " read answers otherwise:\n\n")
        .append("- `extract: re\"#### (\\S+)\"` — the final answer is capture group 1 of the regex's last match in"
            + " the response (the whole match when the regex has no group); a response without a match has no"
            + " answer. Traces are then the trace field as written, and each must state its answer the way the"
            + " regex reads it (checked when the file is read); answers may contain `>`.\n")
        .append("- `compare: trimmed` ignores blanks at both ends; `caseless` also upper and lower case;"
            + " `numeric` reads both as decimal numbers (`42`, `-0.5`, `1e3`) and accepts a difference up to"
            + " `tolerance` (every answer in the file must then be a number).\n")
        .append("- `split: train` / `split: test` keep a part of the file; `held_out` (default 0.2) is the test"
            + " part's share. A problem's part follows from a hash of its prompt, so the parts share no prompt and"
            + " stay the same whatever the seed or line order:\n\n")
        .append("```\ntask gsm      = jsonl(\"data/gsm.jsonl\", prompt: \"question\", answer: \"answer\", trace:"
            + " \"solution\",\n                      extract: re\"#### (\\S+)\", compare: numeric, split: train)\n"
            + "task gsm_test = jsonl(\"data/gsm.jsonl\", prompt: \"question\", answer: \"answer\", trace:"
            + " \"solution\",\n                      extract: re\"#### (\\S+)\", compare: numeric, split: test,"
            + " count: 64)\n```\n\n")
        .append("The built-in generators' prompts and traces, one problem each at the lowest level of the default"
            + " range (reflect drawn at p = 1, so every step is first written wrong):\n\n");
    for (TaskType type : TaskTypes.BUILT_IN) {
      if (type instanceof GeneratorType generator) {
        example(md, generator);
      }
    }
  }

  private static void example(StringBuilder md, GeneratorType type) {
    Task task = TaskSpec.of(type).create();
    int low = task.levels().min();
    Problem problem = task.withLevels(new LevelRange(low, low)).generate(new SplittableRandom(SEED));
    md.append("### `").append(type.name()).append("` (").append(task.knobName()).append(": ").append(low)
        .append(")\n\n```\nprompt:     ").append(problem.prompt()).append("\nanswer:     ").append(problem.answer())
        .append('\n');
    for (TraceStyle style : TraceStyle.values()) {
      if (task.lacks(style).isEmpty()) { // reflect at p = 1: every step written wrong first, then corrected
        md.append(String.format("%-12s", style.id() + ":")).append(task.trace(problem, style, 1.0, new SplittableRandom(SEED)))
            .append('\n');
      }
    }
    md.append("```\n\n");
  }
}
