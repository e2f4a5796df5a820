package dev.verity.dsl.check;

import dev.verity.dsl.Environment;
import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Block;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.ast.Stmt;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.plan.Action;
import dev.verity.engine.doctor.DoctorSettings;
import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.reward.RewardTerms;
import dev.verity.engine.rl.Algorithm;
import dev.verity.engine.rl.Curriculum;
import dev.verity.engine.rl.KlSpec;
import dev.verity.engine.rl.PeriodicEval;
import dev.verity.engine.rl.Prioritize;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.sft.SftSpec;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.TraceStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code sft}, {@code rl} and {@code eval}: their model, task and settings, and the checks across them. */
final class Stages {
  private final Context ctx;
  private final SessionState session;
  private final Fits fits;
  private final TrainingSets trainingSets;

  Stages(Context ctx, SessionState session) {
    this.ctx = ctx;
    this.session = session;
    this.fits = new Fits(ctx);
    this.trainingSets = new TrainingSets(ctx);
  }

  Optional<? extends Action> stage(Stmt.Stage s) {
    int errors = ctx.reporter.count();
    requireNewLabel(s.label(), s.kind().keyword(), s.span());
    Optional<Symbol.Model> model = ctx.scope.resolve(s.model(), Symbol.Model.class, "model", List.of());
    Optional<Symbol.Task> task = ctx.scope.resolve(s.task(), Symbol.Task.class, "task", List.of());
    String keyword = s.kind().keyword();
    Optional<Checked> settings = ctx.values.block(Builtins.statement(keyword), s.block());
    // a model refused as a whole still lets the stage check its own settings, against a stand-in of its context,
    // so that one wrong shape does not hide them
    Optional<Symbol.Model> used = model.or(() -> refusedStandIn(s));
    if (used.isEmpty() || task.isEmpty() || settings.isEmpty() || !trainingSets.endless(s, task.get())) {
      return failed(s);
    }
    Optional<? extends Action> step = s.kind() == Stmt.StageKind.SFT
        ? sft(s, used.get(), task.get(), settings.get())
        : rl(s, used.get(), task.get(), settings.get());
    warn(s, settings.get());
    if (model.isEmpty() || step.isEmpty() || ctx.reporter.count() != errors) {
      return failed(s);
    }
    String label = session.label(s.label().map(n -> n.text()), keyword);
    s.label().ifPresent(l -> ctx.scope.bind(l.text(),
        new Symbol.Stage(keyword, s.model().text(), s.task().text(), s.span())));
    session.lastStage = Optional.of(label);
    session.stages.put(label, new Environment.StageInfo(keyword,
        settings.get().optional("eval", PeriodicEval.class).isPresent()));
    if (s.kind() == Stmt.StageKind.RL) {
      session.lastRlStage = Optional.of(label);
    }
    return step.map(st -> withLabel(st, label));
  }

  /**
   * For a model whose {@code gpt(…)} was refused as a whole although every argument was fine (dim not divisible by
   * heads, too many weights): a stand-in with its context, the one thing of its shape the stage's checks read.
   * Its name stays poisoned, so what refers to it is otherwise quiet.
   */
  private Optional<Symbol.Model> refusedStandIn(Stmt.Stage s) {
    String name = s.model().text();
    Integer context = ctx.refusedModelContexts.get(name);
    if (context == null || !ctx.scope.isPoisoned(name)) {
      return Optional.empty();
    }
    ModelSpec contextOnly = new ModelSpec(1, 1, 1, context);
    return Optional.of(new Symbol.Model(Optional.of(contextOnly), Optional.empty(), s.model().span()));
  }

  /** Settings that run but cannot learn (see {@link Warnings}). */
  private void warn(Stmt.Stage s, Checked a) {
    if (a.isGiven("lr")) {
      ctx.warnings.lr(a.schedule("lr"), a.sources().get("lr"), a.integer("steps"), a.span("lr"));
    }
    a.optional("eval", PeriodicEval.class).ifPresent(e ->
        ctx.warnings.evalSet(e.task(), e.name(), e.task().count(), a.span("eval")));
    if (s.kind() == Stmt.StageKind.RL) {
      ctx.warnings.rlSampling(a.get("sampling", SamplingSpec.class), a.span("sampling"));
      ctx.warnings.kl(a.optional("kl", KlSpec.class), a.span("kl"));
    }
  }

  /**
   * A label written twice would give two statements' outputs one name: refused, in one file or cell, and in a
   * notebook across cells too, since the session records every cell into one run (whose experiment.verity would
   * then not check) and files both stages' metrics under that name.
   */
  private void requireNewLabel(Optional<Name> label, String keyword, Span statement) {
    if (label.isEmpty()) {
      return;
    }
    String name = label.get().text();
    String what = keyword.equals("eval") ? "evaluation" : "stage";
    String first = ctx.labels.putIfAbsent(name, "the " + keyword + " at " + statement.position());
    if (first != null) {
      ctx.error(label.get().span(), "label '" + name + "' is already used by " + first + ": give this " + what
          + " another label (their metrics, results and charts are filed under it)");
      return;
    }
    Optional<Span> earlier = ctx.scope.get(name).flatMap(Stages::labelled);
    earlier.ifPresent(span -> ctx.error(label.get().span(), "label '" + name + "' is already used in this session by"
        + " the " + labelKind(ctx.scope.get(name).orElseThrow()) + " at " + span.file() + ":" + span.position()
        + ", whose metrics, results and charts are filed under it: give this " + what + " another label, e.g. "
        + name + "_2, or restart the kernel to run the notebook afresh"));
  }

  /** Where an earlier cell's stage or evaluation was labelled, for a symbol that is one. */
  private static Optional<Span> labelled(Symbol symbol) {
    if (symbol instanceof Symbol.Stage stage) {
      return Optional.of(stage.span());
    }
    return symbol instanceof Symbol.Eval eval ? Optional.of(eval.span()) : Optional.empty();
  }

  private static String labelKind(Symbol symbol) {
    return symbol instanceof Symbol.Stage stage ? stage.keyword() : "eval";
  }

  /** A stage that failed to check still counts as there, so what refers to it stays quiet. */
  private Optional<Action> failed(Stmt.Stage s) {
    s.label().ifPresent(l -> ctx.scope.poison(l.text()));
    session.stageFailed = true;
    session.rlStageFailed |= s.kind() == Stmt.StageKind.RL;
    return Optional.empty();
  }

  /** The stage's task and its periodic evaluation's must be in the model's alphabet (see ModelAlphabets). */
  private void reads(Stmt.Stage s, Optional<PeriodicEval> eval, Checked a) {
    if (ctx.scope.isPoisoned(s.model().text())) {
      return; // a model refused as a whole has no alphabet
    }
    ctx.alphabets.reads(s.model().text(), s.task().text(), ((Symbol.Task) ctx.scope.get(s.task().text())
        .orElseThrow()).spec(), s.span(), s.task().span());
    eval.ifPresent(e -> ctx.alphabets.reads(s.model().text(), e.name(), e.task(), s.span(), a.span("eval")));
  }

  private static Action withLabel(Action step, String label) {
    if (step instanceof Action.Sft s) {
      return new Action.Sft(label, s.model(), s.taskName(), s.task(), s.spec(), s.span());
    }
    Action.Rl r = (Action.Rl) step;
    return new Action.Rl(label, r.model(), r.taskName(), r.task(), r.spec(), r.doctor(), r.rewardSpan(), r.span());
  }

  private Optional<Action.Sft> sft(Stmt.Stage s, Symbol.Model model, Symbol.Task task, Checked a) {
    TraceMix mix = a.get("traces", TraceMix.class);
    Map<TraceStyle, Double> traces = mix.weights();
    Optional<Task> built = ctx.data.task(task.spec()); // bad data is reported at the task statement
    for (TraceStyle style : traces.keySet()) {
      Optional<String> lacks = built.flatMap(t -> t.lacks(style));
      if (lacks.isPresent()) {
        ctx.error(a.span("traces"), "task '" + s.task().text() + "' " + lacks.get());
        return Optional.empty();
      }
    }
    if (!ctx.alphabets.writes(s.model().text(), mix.markers(), s.span(), a.span("traces"))) {
      return Optional.empty();
    }
    int errors = ctx.reporter.count();
    fits.sft(model, s.model().text(), task.spec(), s.task().text(), traces, a.span("traces"));
    Symbol.Model trained = trainedOn(model, traces);
    if (ctx.reporter.count() == errors) { // a stage that cannot run trains nothing: no follow-on errors
      ctx.scope.update(s.model().text(), trained); // from here on its sampling must hold these traces
    }
    Optional<PeriodicEval> eval = a.optional("eval", PeriodicEval.class);
    eval.ifPresent(e -> fitsEval(trained, s.model().text(), e.task(), e.name(), e.sampling(), samplingGiven(a),
        a.span("eval")));
    reads(s, eval, a);
    SftSpec spec = SftSpec.of(a.integer("steps"))
        .withTraces(traces)
        .withBatch(a.integer("batch"))
        .withLr(a.schedule("lr"))
        .withEval(eval)
        .withWeightDecay(a.number("weight_decay"))
        .withClipNorm(a.number("clip"))
        .withReflectP(mix.reflectP());
    return Optional.of(new Action.Sft("", s.model().text(), s.task().text(), task.spec(), spec, s.span()));
  }

  /** The model, marked as fine-tuned on the styles the mix draws from. */
  private static Symbol.Model trainedOn(Symbol.Model model, Map<TraceStyle, Double> traces) {
    Set<TraceStyle> styles = EnumSet.noneOf(TraceStyle.class);
    styles.addAll(model.traces());
    traces.forEach((style, weight) -> {
      if (weight > 0) {
        styles.add(style);
      }
    });
    return new Symbol.Model(model.spec(), model.alphabet(), model.span(), styles);
  }

  private Optional<Action.Rl> rl(Stmt.Stage s, Symbol.Model model, Symbol.Task task, Checked a) {
    SamplingSpec sampling = a.get("sampling", SamplingSpec.class);
    Algorithm algorithm = a.get("algorithm", Algorithm.class);
    if (algorithm.comparesGroup() && sampling.perPrompt() < 2) {
      ctx.error(a.span("sampling"), algorithmName(algorithm) + " compares the samples of each prompt, but this"
          + " sampling has per_prompt " + sampling.perPrompt() + ": use per_prompt ≥ 2, e.g. sample(per_prompt: 8)");
      return Optional.empty();
    }
    if (!epochsHaveAnEffect(algorithm, a) || !trainingSets.poolHoldsPrompts(a)) {
      return Optional.empty();
    }
    Optional<Curriculum> curriculum = Optional.empty();
    Optional<Expr> written = a.optional("curriculum", Expr.class);
    if (written.isPresent()) {
      curriculum = ctx.specs.curriculum(written.get(), s.task().text(), task.spec());
      if (curriculum.isEmpty()) {
        return Optional.empty();
      }
    }
    if (!stepTermsHaveSteps(s, task, a)) {
      return Optional.empty();
    }
    fits.sampling(model, s.model().text(), task.spec(), s.task().text(), curriculum, sampling, true,
        a.span("sampling"));
    Optional<PeriodicEval> eval = a.optional("eval", PeriodicEval.class);
    eval.ifPresent(e -> fitsEval(model, s.model().text(), e.task(), e.name(), e.sampling(), samplingGiven(a),
        a.span("eval")));
    reads(s, eval, a);
    RlSpec spec = RlSpec.of(a.get("reward", RewardExpr.class), sampling, a.integer("steps"))
        .withPrompts(a.integer("prompts"))
        .withAlgorithm(algorithm)
        .withKl(a.optional("kl", KlSpec.class))
        .withLr(a.schedule("lr"))
        .withEpochs(a.integer("epochs"))
        .withCurriculum(curriculum)
        .withPrioritize(Prioritize.valueOf(a.string("prioritize").toUpperCase(Locale.ROOT)))
        .withPool(a.optional("pool", Integer.class).orElse(0))
        .withEval(eval)
        .withWeightDecay(a.number("weight_decay"))
        .withClipNorm(a.number("clip"));
    return Optional.of(new Action.Rl("", s.model().text(), s.task().text(), task.spec(), spec,
        a.get("doctor", DoctorSettings.class), rewardPlace(a), s.span()));
  }

  /** Where a stage's reward is written: the declaration of a named one, else the setting's expression. */
  private Span rewardPlace(Checked a) {
    Expr written = a.sources().get("reward");
    Optional<Symbol> declared = written instanceof Expr.Ref r ? ctx.scope.get(r.name()) : Optional.empty();
    return declared.filter(d -> d instanceof Symbol.Reward).map(d -> ((Symbol.Reward) d).span())
        .orElse(written.span());
  }

  /** step_errors and uncorrected_errors read a task's checkable steps: refused on a task without them. */
  private boolean stepTermsHaveSteps(Stmt.Stage s, Symbol.Task task, Checked a) {
    Optional<Task> built = ctx.data.task(task.spec());
    if (built.isEmpty() || built.get().steps().isPresent()) {
      return true;
    }
    List<String> terms = RewardTerms.termNames(a.get("reward", RewardExpr.class));
    Optional<String> step = RewardTerms.STEP_TERMS.stream().map(d -> d.name()).filter(terms::contains).findFirst();
    step.ifPresent(name -> ctx.error(a.span("reward"), "the reward reads " + name + ", but task '" + s.task().text()
        + "' has no steps that can be checked (addition, multiplication and modchain have): drop " + name
        + " or train on one of those"));
    return step.isEmpty();
  }

  Optional<Action.Eval> eval(Stmt.Eval s) {
    int errors = ctx.reporter.count();
    requireNewLabel(s.label(), "eval", s.span());
    Optional<Symbol.Model> model = ctx.scope.resolve(s.model(), Symbol.Model.class, "model", List.of());
    Optional<Symbol.Task> task = ctx.scope.resolve(s.task(), Symbol.Task.class, "task", List.of());
    Optional<SamplingSpec> sampling = s.sampling().isPresent() ? ctx.specs.sampling(s.sampling().get())
        : Optional.of(EvalSet.DEFAULT_SAMPLING);
    Optional<Checked> settings = s.block().isPresent()
        ? ctx.values.block(Builtins.statement("eval"), s.block().get())
        : ctx.values.block(Builtins.statement("eval"), new Block(List.of(), s.span()));
    if (model.isEmpty() || task.isEmpty() || sampling.isEmpty() || settings.isEmpty()) {
      return failed(s);
    }
    TaskSpec spec = task.get().spec();
    int count = settings.get().isGiven("count") || spec.count() == 0 ? settings.get().integer("count") : spec.count();
    Span at = s.sampling().map(Expr::span).orElse(s.span());
    fitsEval(model.get(), s.model().text(), spec, s.task().text(), sampling.get(), s.sampling().isPresent(), at);
    ctx.warnings.evalSet(spec, s.task().text(), count,
        settings.get().isGiven("count") ? settings.get().span("count") : s.task().span());
    ctx.alphabets.reads(s.model().text(), s.task().text(), spec, s.span(), s.task().span());
    if (ctx.reporter.count() != errors) {
      return failed(s);
    }
    String label = session.label(s.label().map(n -> n.text()), "eval");
    s.label().ifPresent(l -> ctx.scope.bind(l.text(), new Symbol.Eval(s.model().text(), s.task().text(), s.span())));
    session.lastEval = Optional.of(label);
    return Optional.of(new Action.Eval(label, s.model().text(), s.task().text(), spec.withCount(count),
        sampling.get(), s.span()));
  }

  private Optional<Action.Eval> failed(Stmt.Eval s) {
    s.label().ifPresent(l -> ctx.scope.poison(l.text()));
    session.evalFailed = true;
    return Optional.empty();
  }

  /** Prompt plus response limit at the task's own levels: evaluations and periodic evaluations. */
  private void fitsEval(Symbol.Model model, String modelName, TaskSpec task, String taskName, SamplingSpec sampling,
      boolean given, Span at) {
    fits.sampling(model, modelName, task, taskName, Optional.empty(), sampling, given, at);
  }

  /** Whether a stage's {@code eval:} names its sampling ({@code add_test with greedy every 25}). */
  private static boolean samplingGiven(Checked a) {
    return a.sources().get("eval") instanceof Expr.With w && w.sampling().isPresent();
  }

  /**
   * Reports settings whose effect hinges on reusing a batch: more than one epoch where nothing corrects for the
   * stale samples (a biased update), and a reference to the sampling policy where there is only one epoch (the
   * policy is still that policy, so the term is zero).
   */
  private boolean epochsHaveAnEffect(Algorithm algorithm, Checked a) {
    int epochs = a.integer("epochs");
    // rft maximises the likelihood of kept samples, which stays a sound objective on a reused batch (ReST's epochs)
    boolean correctsReuse =
        algorithm.clipped() || algorithm instanceof Algorithm.K15 || algorithm instanceof Algorithm.Rft;
    if (epochs > 1 && !correctsReuse) {
      ctx.error(a.span("epochs"), "epochs: " + epochs + " trains " + epochs + " times on each batch, but "
          + algorithmName(algorithm) + " has no correction for samples drawn by an older policy: use a clipped"
          + " algorithm (grpo, dr_grpo, reinforce_pp) or k15, or epochs: 1");
      return false;
    }
    if (epochs == 1 && algorithm instanceof Algorithm.K15) {
      ctx.error(a.span("algorithm"), "k15's τ term compares the policy with the one that sampled the batch, which"
          + " is the same policy on the batch's first optimiser step: with epochs: 1 it has no effect and k15 is"
          + " reinforce(baseline: group_mean); give epochs: 2 or more, or use reinforce(baseline: group_mean)");
      return false;
    }
    Optional<KlSpec> kl = a.optional("kl", KlSpec.class);
    if (epochs == 1 && kl.isPresent() && kl.get().target() == KlSpec.Target.PREVIOUS) {
      ctx.error(a.span("kl"), "kl to: previous measures how far the policy moved from the one that sampled the"
          + " batch; with epochs: 1 they are the same policy and the term is always 0: use to: reference (the"
          + " policy at the start of the stage), or epochs: 2 or more with a clipped algorithm or k15");
      return false;
    }
    return true;
  }

  /** How messages name an algorithm: REINFORCE with its baseline, the others by name. */
  private static String algorithmName(Algorithm algorithm) {
    if (algorithm instanceof Algorithm.Reinforce r) {
      return algorithm.name() + "(baseline: " + r.baseline().name().toLowerCase(Locale.ROOT) + ")";
    }
    return algorithm.name();
  }
}
