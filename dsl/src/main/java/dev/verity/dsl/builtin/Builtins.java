package dev.verity.dsl.builtin;

import dev.verity.engine.catalog.Bound;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.ParamType;
import dev.verity.engine.doctor.DoctorSettings;
import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.optim.Schedules;
import dev.verity.engine.reward.RewardTerms;
import dev.verity.engine.rl.Algorithms;
import dev.verity.engine.rl.Curricula;
import dev.verity.engine.rl.KlSpec;
import dev.verity.engine.rl.Prioritize;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.sft.SftSpec;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.TaskType;
import dev.verity.engine.task.TaskTypes;
import dev.verity.engine.task.TraceStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The DSL's table of built-ins, read by the checker, the reference page generator ({@code docs/dsl.md}) and
 * editor assistance. Statements, table sources and plot axes are the DSL's own; every task, model, sampling,
 * reward term, schedule, algorithm, KL estimator, curriculum, doctor mode, trace style and metric is derived from
 * its one definition in the engine ({@link TaskTypes}, {@link RewardTerms}, {@link Schedules}, {@link Algorithms},
 * {@link KlSpec}, {@link Curricula}, {@link DoctorSettings}, {@link TraceStyle}, {@link Metric}), and the statements' settings take their
 * defaults from the engine's specs.
 */
public final class Builtins {
  private Builtins() {}

  /** Metrics recorded per training step (metrics.csv), in column order. */
  public static final List<String> STAGE_METRICS = Metric.step().stream().map(Metric::id).toList();

  /**
   * A stage's periodic evaluation ({@code eval: T with S every N}) by step: plotted by step beside the stage's
   * own metrics, e.g. greedy accuracy of several runs on one chart.
   */
  public static final List<String> PERIODIC_EVAL_METRICS = Metric.periodicNames();

  /** Metrics of an evaluation, per difficulty level. */
  public static final List<String> EVAL_METRICS = Metric.eval().stream().map(Metric::id).toList();

  /** What an sft stage records per step. */
  public static final List<String> SFT_METRICS = Metric.sftStep().stream().map(Metric::id).toList();

  /** Statement keywords, in the order the docs list them. */
  public static final List<String> STATEMENTS = List.of(
      "experiment", "task", "model", "reward", "check", "sampling", "sft", "rl", "eval", "plot", "table", "save",
      "load");

  /** The table and the tasks it was derived for: rebuilt when a task is registered or removed. */
  private record Table(List<TaskType> tasks, List<Builtin> entries) {}

  private static volatile Table table = new Table(List.of(), List.of());

  private static List<Builtin> entries() {
    List<TaskType> tasks = TaskTypes.all();
    Table current = table;
    if (!current.tasks().equals(tasks) || current.entries().isEmpty()) {
      current = new Table(tasks, table(tasks));
      table = current;
    }
    return current.entries();
  }

  private static List<Builtin> table(List<TaskType> tasks) {
    List<Builtin> all = new ArrayList<>(statements());
    tasks.forEach(t -> all.add(Derived.entry(t, Kind.TASK, "", List.of(Derived.param(TaskSpec.COUNT)))));
    all.add(Derived.entry(ModelSpec.GPT, Kind.MODEL));
    all.add(new Builtin("copy", Kind.MODEL, List.of(pos(req("model", Type.MODEL, "the model to copy"))),
        "A copy of another model's weights at the time the statement runs.", ""));
    all.add(Derived.entry(SamplingSpec.TYPE, Kind.SAMPLING));
    RewardTerms.BUILT_IN.forEach(t -> all.add(Derived.entry(t, Kind.REWARD_TERM,
        RewardTerms.FUNCTIONS.contains(t) ? t.name() + "(a, b, …)" : "", List.of())));
    Schedules.BUILT_IN.forEach(s -> all.add(Derived.entry(s, Kind.SCHEDULE)));
    Algorithms.BUILT_IN.forEach(a -> all.add(Derived.entry(a, Kind.ALGORITHM)));
    KlSpec.ESTIMATORS.forEach(k -> all.add(Derived.entry(k, Kind.KL_ESTIMATOR)));
    Curricula.BUILT_IN.forEach(c -> all.add(Derived.entry(c, Kind.CURRICULUM, curriculumUsage(c), List.of())));
    DoctorSettings.BUILT_IN.forEach(d -> all.add(Derived.entry(d, Kind.DOCTOR, d.params().isEmpty() ? d.name() : "",
        List.of()))); // `doctor: off`, as written
    List<Setting> weights = new ArrayList<>(Arrays.stream(TraceStyle.values())
        .map(s -> opt(s.id(), Type.NUMBER, "0", Bound.atLeast(0), "weight of " + s.id() + " traces")).toList());
    weights.add(opt("reflect_p", Type.NUMBER, Derived.source(SftSpec.DEFAULT_REFLECT_P), Bound.between(0, 1),
        "how often a reflect trace writes a step wrong first"));
    all.add(new Builtin("mix", Kind.TRACE_MIX, weights,
        "SFT traces drawn by weight (weights need not sum to 1).", ""));
    for (TraceStyle style : TraceStyle.values()) {
      List<Setting> params = style == TraceStyle.REFLECT
          ? List.of(opt("p", Type.NUMBER, Derived.source(SftSpec.DEFAULT_REFLECT_P), Bound.between(0, 1),
              "probability that a step is first written wrong, then corrected"))
          : List.of();
      all.add(new Builtin(style.id(), Kind.TRACE_MIX, params, style.doc(),
          style == TraceStyle.REFLECT ? "reflect(p: 0.2)" : style.id()));
    }
    all.add(new Builtin("rollouts", Kind.TABLE_SOURCE, List.of(
        opt("last", Type.INT, "8", Bound.atLeast(1), "the latest N rollouts"),
        opt("first", Type.INT, "none", Bound.atLeast(1), "the earliest N rollouts instead")),
        "Sampled rollouts of an rl stage: prompt, response, answer, each reward term, advantage.", ""));
    all.add(new Builtin("samples", Kind.TABLE_SOURCE, List.of(
        opt("first", Type.INT, "8", Bound.atLeast(1), "the first N responses kept, in set order"),
        choice("keep", "all", List.of("all", "right", "wrong", "corrected", "fixed"), "which responses: all, the"
            + " right or wrong ones, those that correct a step (a ! mark), or those that correct one and end right")),
        "Responses of an evaluation that ran in this session (`table samples(keep: corrected) for final`): prompt,"
            + " response, answer, right, corrections.", ""));
    all.add(new Builtin("metrics", Kind.TABLE_SOURCE, List.of(
        opt("last", Type.INT, "10", Bound.atLeast(1), "the latest N steps")),
        "Per-step metrics of a training stage.", ""));
    for (Metric m : Metric.values()) {
      all.add(metric(m.id(), m.doc()));
    }
    for (Metric m : Metric.evalOverall()) {
      String label = m.label();
      all.add(metric(Metric.PERIODIC + m.id(), Character.toUpperCase(label.charAt(0)) + label.substring(1)
          + " of the stage's periodic evaluation, by step."));
    }
    all.add(axis("step", "Training step of sft and rl stages; series of stage metrics."));
    all.add(axis("level", "Difficulty level of evaluations; series of eval metrics."));
    all.add(axis("response_len_mean", "Mean response length of each step: accuracy against tokens, for rl stages."));
    return List.copyOf(all);
  }

  /** Statements; sft, rl and eval list their block settings as parameters, with the engine specs' defaults. */
  private static List<Builtin> statements() {
    String periodic = "evaluate on a task during training: TASK with SAMPLING every N";
    return List.of(
        statement("experiment", "experiment \"NAME\" seed N",
            "Names the run and fixes all randomness; the seed defaults to 0."),
        statement("task", "task NAME = TASK(…)", "Declares a task: a built-in problem generator and exact verifier."),
        statement("model", "model NAME = gpt(…) | copy(MODEL)",
            "Declares a policy: a fresh GPT, or a copy of another model's weights at the time it runs. A model"
                + " reads one token per character, and its alphabet is fixed at its first use (sft, rl, eval, save"
                + " or copy): the characters of every task declared before then. Declare every task a model will"
                + " see before its first use; the checker reports a task with characters outside it."),
        statement("reward", "reward NAME = EXPRESSION",
            "Declares a reward: built-in terms combined with + - * /, min, max, if … then … else …, schedules."),
        statement("check", "check REWARD(prompt: \"…\", response: \"…\", answer: \"…\"[, task: TASK]) == NUMBER",
            "A reward unit test, run at once; also != < <= > >=. With task: TASK it scores exactly as RL on that"
                + " task does (its verifier); without, as exact_answer() says. A failed check stops verity run"
                + " (exit 1); a notebook shows it and goes on."),
        statement("sampling", "sampling NAME = sample(…)", "Declares how responses are drawn."),
        new Builtin("sft", Kind.STATEMENT, List.of(
            opt("traces", Type.TRACES, Derived.source(SftSpec.DEFAULT_TRACES.id()),
                "reference trace style, or a mix of styles by weight"),
            req("steps", Type.INT, Bound.atLeast(1), "optimiser steps"),
            opt("batch", Type.INT, Derived.source(SftSpec.DEFAULT_BATCH), Bound.atLeast(1), "problems per step"),
            opt("lr", Type.SCHEDULE, Derived.source(SftSpec.DEFAULT_LR), Bound.atLeast(0), "learning rate (AdamW)"),
            opt("weight_decay", Type.NUMBER, Derived.source(SftSpec.DEFAULT_WEIGHT_DECAY), Bound.atLeast(0),
                "AdamW weight decay"),
            opt("clip", Type.NUMBER, Derived.source(SftSpec.DEFAULT_CLIP_NORM), Bound.atLeast(0),
                "gradient-norm clip; 0 turns it off"),
            opt("eval", Type.PERIODIC_EVAL, "none", periodic)),
            "Supervised fine-tuning on the task's reference traces (loss on response tokens only).",
            "sft [LABEL:] MODEL on TASK { SETTINGS }"),
        new Builtin("rl", Kind.STATEMENT, List.of(
            req("reward", Type.REWARD, Bound.NONE, "the reward: a declared name or an expression"),
            req("sampling", Type.SAMPLING, Bound.NONE, "how responses are drawn; per_prompt = k samples per prompt"),
            opt("prompts", Type.INT, Derived.source(RlSpec.DEFAULT_PROMPTS), Bound.atLeast(1),
                "prompts per step, each sampled per_prompt times"),
            opt("algorithm", Type.ALGORITHM, Derived.source(RlSpec.DEFAULT_ALGORITHM) + "(" + defaultArgs(
                RlSpec.DEFAULT_ALGORITHM) + ")", "advantage and loss"),
            opt("epochs", Type.INT, Derived.source(RlSpec.DEFAULT_EPOCHS), Bound.atLeast(1),
                "optimiser steps per batch; more than 1 only with what corrects for reused samples: the clipped"
                    + " algorithms (grpo, dr_grpo, reinforce_pp) and k15"),
            opt("kl", Type.KL, "none", "KL penalty to a reference"),
            opt("lr", Type.SCHEDULE, Derived.source(RlSpec.DEFAULT_LR), Bound.atLeast(0), "learning rate (AdamW)"),
            req("steps", Type.INT, Bound.atLeast(1), "RL steps"),
            opt("curriculum", Type.CURRICULUM, "none", "moves the task's difficulty knob over the steps"),
            choice("prioritize", RlSpec.DEFAULT_PRIORITIZE.id(),
                Arrays.stream(Prioritize.values()).map(Prioritize::id).toList(),
                Arrays.stream(Prioritize.values()).map(p -> p.id() + ": " + p.doc())
                    .collect(Collectors.joining("; "))),
            opt("pool", Type.INT, "none", Bound.atLeast(1),
                "the training set: this many problems, generated once from the experiment's seed across the levels"
                    + " the stage reaches; each step draws its prompts among them (at the current levels, without"
                    + " repeats in a step; at least prompts of them, and a step whose levels hold fewer tops up with"
                    + " fresh problems), uniformly or by prioritize. Stages with the same pool on the same task"
                    + " and levels train on the same problems, so uniform and failure_rate compare on one set."
                    + " none: uniform draws fresh problems every step, failure_rate keeps prompts × "
                    + RlSpec.PRIORITY_POOL_PER_PROMPT + " of its own"),
            opt("eval", Type.PERIODIC_EVAL, "none", periodic),
            opt("weight_decay", Type.NUMBER, Derived.source(RlSpec.DEFAULT_WEIGHT_DECAY), Bound.atLeast(0),
                "AdamW weight decay"),
            opt("clip", Type.NUMBER, Derived.source(RlSpec.DEFAULT_CLIP_NORM), Bound.atLeast(0),
                "gradient-norm clip; 0 turns it off"),
            opt("doctor", Type.DOCTOR, DoctorSettings.WARN.name() + "()",
                "warns, live and in doctor.jsonl, when the stage is not learning, with the cause and a fix; off"
                    + " silences it")),
            "Reinforcement learning with the reward as verifier: sample, score, form advantages, step.",
            "rl [LABEL:] MODEL on TASK { SETTINGS }"),
        new Builtin("eval", Kind.STATEMENT, List.of(
            opt("count", Type.INT, Derived.source(EvalSet.DEFAULT_COUNT), Bound.atLeast(1),
                "problems to evaluate; a frozen task is used whole unless count is given")),
            "Evaluates a model: accuracy, pass@k (k = per_prompt), response lengths, per difficulty level.",
            "eval [LABEL:] MODEL on TASK [with SAMPLING] [{ count: N }]"),
        statement("plot", "plot METRIC, … by step | level | response_len_mean [for NAME, …]",
            "Charts metrics of stages (by step, by response_len_mean) or evaluations (by level); default: the last."),
        statement("table", "table rollouts(last: N) | metrics(last: N) | NAME [for NAME]",
            "Shows rollouts or metrics of a stage (default: the last), or an evaluation's results per level."),
        statement("save", "save MODEL to \"PATH\"", "Writes a checkpoint (atomically)."),
        statement("load", "load MODEL from \"PATH\"",
            "Reads a checkpoint into MODEL, declaring it when it is not declared yet. The model keeps the"
                + " checkpoint's alphabet; a task with other characters fails when it runs, naming them."));
  }

  /**
   * The entry of a user's class named in {@code java("CLASS", …)}, from its definition: a task (which takes
   * {@code count} too) or a reward term. Not part of the table: it exists for the call that names the class.
   */
  public static Builtin ofUserClass(Definition<?> definition, Kind kind, String className) {
    List<Setting> extra = kind == Kind.TASK ? List.of(Derived.param(TaskSpec.COUNT)) : List.of();
    Builtin entry = Derived.entry(definition, kind, "", extra);
    String usage = "java(\"" + className + "\"" + entry.params().stream().map(p -> ", " + p.signature())
        .collect(Collectors.joining()) + ")";
    return new Builtin(entry.name(), kind, entry.params(), entry.doc(), usage, entry.definition());
  }

  /** Every entry, in table order. */
  public static List<Builtin> all() {
    return entries();
  }

  /** The entry of that name and kind. */
  public static Optional<Builtin> find(String name, Kind kind) {
    return entries().stream().filter(b -> b.kind() == kind && b.name().equals(name)).findFirst();
  }

  /** Every entry of that name, whatever its kind ({@code linear} is a schedule and a curriculum). */
  public static List<Builtin> named(String name) {
    return entries().stream().filter(b -> b.name().equals(name)).toList();
  }

  public static List<Builtin> ofKind(Kind kind) {
    return entries().stream().filter(b -> b.kind() == kind).toList();
  }

  public static List<String> namesOf(Kind kind) {
    return ofKind(kind).stream().map(Builtin::name).toList();
  }

  /** The statement entry, e.g. {@code rl}, whose parameters are its block settings. */
  public static Builtin statement(String keyword) {
    return find(keyword, Kind.STATEMENT).orElseThrow();
  }

  /** {@code baseline: group_mean}: a definition's arguments at their defaults, as DSL source. */
  private static String defaultArgs(Definition<?> definition) {
    return definition.params().stream()
        .map(p -> p.name() + ": " + Derived.source(p.defaultValue().orElseThrow()))
        .collect(Collectors.joining(", "));
  }

  /** {@code ramp(KNOB: a..b -> c..d, over: N, start: N)}: how a curriculum shape is written. */
  private static String curriculumUsage(Definition<?> shape) {
    StringBuilder usage = new StringBuilder(shape.name()).append("(KNOB: ");
    boolean moves = shape.params().get(0).type() == ParamType.RANGE_CHANGE;
    usage.append(moves ? "a..b -> c..d" : "a..b");
    shape.params().stream().skip(1).forEach(p -> usage.append(", ").append(p.name()).append(": N"));
    return usage.append(')').toString();
  }

  private static Builtin statement(String name, String usage, String doc) {
    return new Builtin(name, Kind.STATEMENT, List.of(), doc, usage);
  }

  private static Builtin metric(String name, String doc) {
    List<String> where = new ArrayList<>();
    if (STAGE_METRICS.contains(name)) {
      where.add("stage");
    }
    if (EVAL_METRICS.contains(name)) {
      where.add("eval");
    }
    if (PERIODIC_EVAL_METRICS.contains(name)) {
      where.add("stage, by step");
    }
    return new Builtin(name, Kind.METRIC, List.of(), doc + " [" + String.join(", ", where) + "]", name);
  }

  private static Builtin axis(String name, String doc) {
    return new Builtin(name, Kind.AXIS, List.of(), doc, name);
  }

  private static Setting req(String name, Type type, String doc) {
    return req(name, type, Bound.NONE, doc);
  }

  private static Setting req(String name, Type type, Bound bound, String doc) {
    return new Setting(name, type, Optional.empty(), false, bound, List.of(), doc);
  }

  private static Setting opt(String name, Type type, String defaultSource, Bound bound, String doc) {
    return new Setting(name, type, Optional.of(defaultSource), false, bound, List.of(), doc);
  }

  private static Setting opt(String name, Type type, String defaultSource, String doc) {
    return opt(name, type, defaultSource, Bound.NONE, doc);
  }

  private static Setting choice(String name, String defaultSource, List<String> choices, String doc) {
    return new Setting(name, Type.CHOICE, Optional.of(defaultSource), false, Bound.NONE, choices, doc);
  }

  private static Setting pos(Setting param) {
    return new Setting(param.name(), param.type(), param.defaultSource(), true, param.bound(), param.choices(),
        param.doc());
  }
}
