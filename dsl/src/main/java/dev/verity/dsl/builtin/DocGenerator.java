package dev.verity.dsl.builtin;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the DSL reference page, {@code docs/dsl.md}, from the built-in table, so the page cannot drift from
 * what the checker accepts. {@code main} writes it (argument: the output path, default {@code docs/dsl.md}).
 */
public final class DocGenerator {
  private static final List<Kind> FUNCTION_KINDS = List.of(Kind.TASK, Kind.MODEL, Kind.SAMPLING, Kind.REWARD_TERM,
      Kind.SCHEDULE, Kind.ALGORITHM, Kind.KL_ESTIMATOR, Kind.CURRICULUM, Kind.DOCTOR, Kind.TRACE_MIX,
      Kind.TABLE_SOURCE);

  private DocGenerator() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/dsl.md");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, markdown(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  /** The whole page. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# The Verity DSL\n\n")
        .append("<!-- Generated from the built-in table (dev.verity.dsl.builtin.Builtins) by DocGenerator; do not"
            + " edit. Regenerate: mvn -pl dsl test -Dtest=DocsTest -Dverity.regenerate=true -->\n\n")
        .append("An experiment is a sequence of statements, one per line. `#` starts a comment. This page lists"
            + " every statement, setting and built-in with its parameters and defaults.\n\n");
    md.append("## Reference example\n\nThe contract for the syntax: it parses, checks and runs as written.\n\n```\n")
        .append(referenceExample()).append("```\n\n");
    syntax(md);
    statements(md);
    for (Kind kind : FUNCTION_KINDS) {
      functions(md, kind);
    }
    AnswerDocs.section(md);
    JavaDocs.section(md);
    metrics(md);
    sessions(md);
    overrides(md);
    diagnostics(md);
    return md.toString();
  }

  /** The reference example from DESIGN.md, as shipped in the jar. */
  public static String referenceExample() {
    try (InputStream in = DocGenerator.class.getResourceAsStream("/dev/verity/dsl/reference.verity")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void syntax(StringBuilder md) {
    md.append("## Syntax\n\n")
        .append("- Statements end at the end of their line. Inside `( … )` and `{ … }` newlines are free.\n")
        .append("- Blocks hold settings `key: value`, one per line or separated by commas; each key at most once."
            + " Keywords such as `reward`, `sampling`, `eval` are valid keys.\n")
        .append("- Calls take named arguments (`addition(digits: 2..6)`); a few take their first arguments"
            + " unnamed (`jsonl(\"f.jsonl\", …)`, `constant(2e-4)`, `k3(0.01, to: reference)`).\n")
        .append("- Numbers: `42`, `0.8`, `1e-3`. Ranges: `2..6` (inclusive). Changes: `1e-3 -> 1e-4`,"
            + " `2..3 -> 2..6`.\n")
        .append("- Strings: `\"…\"` with escapes `\\\"` `\\\\` `\\n` `\\t`. Regexes: `re\"…\"`, a raw string: backslashes"
            + " are kept as written; compiled when the cell is checked.\n")
        .append("- `none` turns off an optional setting (`kl: none`). A built-in without required arguments may be"
            + " written without parentheses (`algorithm: rloo`, `traces: scratchpad`, `len`).\n")
        .append("- Any numeric setting whose type says *schedule* takes a number or a schedule"
            + " (`lr: cosine(1e-3 -> 1e-4, warmup: 100)`, `temperature: linear(1.2 -> 0.8)`); reward weights"
            + " take schedules too.\n")
        .append("- A reward combines terms with `+ - * /`, comparisons and `and`/`or` (each 1 or 0) and"
            + " `if … then … else`; `x / 0` is 0, and a division by a constant 0 is refused when the file is"
            + " checked. A reward must be a finite number: one that overflows to infinity, or a Java term that"
            + " returns NaN or an infinity, stops the stage at the reward (naming the prompt and response) before"
            + " anything trains on it, and fails a check of it.\n")
        .append("- A curriculum moves the task's difficulty range with the schedule shapes that make sense for a"
            + " range — `constant`, `linear`, `cosine`, `ramp`, not `step`, whose factor means nothing for a range —"
            + " its first argument named after the task's knob"
            + " (`curriculum: cosine(digits: 2..3 -> 2..6, warmup: 20)`); each end of the range is moved by the"
            + " schedule's progress from 0 to 1 and rounded to the nearest level.\n")
        .append("- Paths are relative to the file's folder (a notebook's: its own folder).\n\n");
  }

  private static void statements(StringBuilder md) {
    md.append("## Statements\n\n| statement | what it does |\n|---|---|\n");
    for (String keyword : Builtins.STATEMENTS) {
      Builtin s = Builtins.statement(keyword);
      md.append("| `").append(s.signature()).append("` | ").append(s.doc()).append(" |\n");
    }
    md.append('\n');
    for (String keyword : List.of("sft", "rl", "eval")) {
      Builtin s = Builtins.statement(keyword);
      md.append("### `").append(keyword).append("` settings\n\n");
      params(md, s.params());
    }
    md.append("`LABEL:` names a stage or evaluation so that `plot … for` and `table` can select it"
        + " (`rl grpo_run: g on add { … }`, `eval direct_eval: policy on add_test with greedy`). Unlabelled ones are"
        + " called `sft#1`, `rl#2`, `eval#1`, … in charts and records. An `eval` without `with` samples greedily"
        + " (temperature 0, max_tokens 128); `eval:` inside a stage takes `TASK with SAMPLING every N` (the sampling"
        + " may be left out, `every` may not). A generator task is evaluated on a frozen set of 256 problems."
        + " Train and test are disjoint: an sft or rl stage never draws a prompt of an evaluation set of its"
        + " generator (every frozen task of that generator declared before the stage, every set already drawn for an"
        + " evaluation of it, and the stage's own `eval:`); a jsonl task holds out its test part with `split:`.\n\n");
  }

  private static void functions(StringBuilder md, Kind kind) {
    List<Builtin> entries = Builtins.ofKind(kind);
    md.append("## ").append(title(kind)).append("\n\n");
    for (Builtin b : entries) {
      md.append("- `").append(b.signature()).append("` — ").append(b.doc()).append('\n');
      for (Setting p : b.params()) {
        md.append("  - `").append(p.name()).append("`").append(p.positional() ? " (may be unnamed)" : "")
            .append(": ").append(p.describeType())
            .append(p.defaultSource().map(d -> "; default `" + d + "`").orElse("; required"))
            .append(p.doc().isEmpty() ? "" : ". " + capitalise(p.doc())).append('\n');
      }
    }
    md.append('\n');
  }

  private static void params(StringBuilder md, List<Setting> params) {
    md.append("| setting | type | default | meaning |\n|---|---|---|---|\n");
    for (Setting p : params) {
      md.append("| `").append(p.name()).append("` | ").append(p.describeType()).append(" | ")
          .append(p.defaultSource().map(d -> "`" + d + "`").orElse("required")).append(" | ").append(p.doc())
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void metrics(StringBuilder md) {
    md.append("## Metrics and plot axes\n\nStage metrics (one row per training step): `")
        .append(String.join("`, `", Builtins.STAGE_METRICS)).append("`.\nEval metrics (per difficulty level): `")
        .append(String.join("`, `", Builtins.EVAL_METRICS)).append("`.\n\n")
        .append("Steps count updates: the row of step s (from 0) is measured on the policy after s updates — its"
            + " rollouts, loss and KL come before update s + 1 — and an evaluation at step s evaluates the policy"
            + " after s updates. So a 40-step stage has rows 0 to 39 and its final evaluation at step 40, and on"
            + " a chart by step both kinds of point sit at the policy they measured. Progress lines count steps"
            + " done (`step 1/40` once the first update is made).\n\n");
    for (Builtin m : Builtins.ofKind(Kind.METRIC)) {
      md.append("- `").append(m.name()).append("` — ").append(m.doc()).append('\n');
    }
    md.append("\nAxes of `plot METRICS by AXIS [for NAMES]` — one series per name × metric; without `for`, the"
        + " latest stage (or evaluation, by level):\n\n");
    for (Builtin a : Builtins.ofKind(Kind.AXIS)) {
      md.append("- `").append(a.name()).append("` — ").append(a.doc()).append('\n');
    }
    md.append('\n');
  }

  private static void sessions(StringBuilder md) {
    md.append("## Cells and sessions\n\n")
        .append("In a notebook each cell is checked whole before anything runs; a cell with any error runs"
            + " nothing and binds nothing. Names bound by a cell are visible to later cells; running a cell again"
            + " rebinds its names (the later binding replaces the earlier one), also within one file."
            + " `model g = copy(policy)` copies the weights `policy` has when that line runs, so several stages can"
            + " start from one fine-tuned model.\n\n");
  }

  private static void overrides(StringBuilder md) {
    md.append("## Overrides\n\n`verity run FILE --set NAME.SETTING=VALUE` changes a file without editing it (CI"
        + " runs short versions of long experiments this way). `NAME` is a statement kind — `rl.steps=20` sets"
        + " `steps` in every `rl` block, `sft.batch=32`, `eval.count=64`, `experiment.seed=3` — or a declared"
        + " name or label — `explore.per_prompt=4`, `add_test.count=64`, `policy.dim=64`, `grpo_run.steps=10`."
        + " `seed=3` is short for `experiment.seed=3` (what each run of `verity sweep --seeds` sets; the file needs"
        + " an `experiment` statement). The value is DSL source, checked like the original, and takes what a setting"
        + " takes after its colon (`rl.eval=add_test with greedy every 25`; quote it for the shell); errors in it"
        + " point into the override. An override that matches nothing is an error. A notebook takes the same"
        + " overrides from the environment variable `VERITY_SET` (`;`-separated, e.g."
        + " `VERITY_SET=\"sft.steps=20;rl.steps=3\"`) and applies them to every cell: each cell takes those that"
        + " match its statements, and errors in them are named after the variable (`VERITY_SET rl.steps:1:10`).\n\n");
  }

  private static void diagnostics(StringBuilder md) {
    String cell = "task add = addition(digits: 2..6)\nmodel policy = gpt()\nreward correct = exact_answer()\n"
        + "sampling explore = sample(per_prompt: 8)\nrl policy on add { reward: corect\n  sampling: explore\n"
        + "  steps: 300\n}\n";
    Compilation compiled = Compiler.compile(cell, "long-cot.verity", Path.of("."));
    md.append("## Diagnostics\n\nErrors name the place (`file:line:column`, 1-based), say what was expected and"
        + " how to fix it, and show the line with carets under the span. Every error of a cell is reported at"
        + " once where recovery allows; nothing runs until there are none. For this cell:\n\n```\n")
        .append(cell).append("```\n\nthe checker reports:\n\n```\n").append(compiled.diagnostics().render())
        .append("\n```\n\nErrors in a `--set` value are reported in that value (`--set rl.steps:1:10: error: …`)."
            + " An unexpected failure inside the checker is reported as an `internal error` at the statement,"
            + " never as a stack trace.\n\nWarnings (`file:line:col: warning: …`) name settings that run but cannot"
            + " learn or measure less than they seem: RL sampling with temperature 0 and per_prompt above 1 (every"
            + " group has zero variance), a KL coefficient of 0 at every step, and a frozen evaluation set larger"
            + " than the distinct prompts its generator can draw (it repeats prompts). They are printed (a notebook"
            + " shows them as the cell's warnings) and the run goes on; `verity check` still exits 0. `verity check` also runs the file's `check` statements and"
            + " fails (exit 1) on a false one, at its place.\n");
  }

  private static String title(Kind kind) {
    switch (kind) {
      case KL_ESTIMATOR: return "KL estimators";
      case CURRICULUM: return "Curricula";
      case DOCTOR: return "Doctor modes";
      case TRACE_MIX: return "Trace styles and mixes";
      case SAMPLING: return "Sampling";
      default: return capitalise(kind.label()) + "s";
    }
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
