package dev.verity.dsl.check;

import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Span;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.rl.Curriculum;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.Example;
import dev.verity.engine.task.JsonlTask;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.TraceStyle;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a model's context holds what a stage feeds it, from the task's own length bounds (one token per
 * character): for sampling, the longest prompt plus max_tokens; for sft, the longest prompt plus trace of each
 * style in the mix plus the end marker. Without this a run truncates responses or fails after earlier stages ran.
 */
final class Fits {
  private final Context ctx;

  Fits(Context ctx) {
    this.ctx = ctx;
  }

  /**
   * Reports a response limit too short for the task's longest answer (or the longest trace of a style the model
   * was fine-tuned on), and a model whose context cannot hold the longest prompt plus the response limit.
   *
   * @param given false for an evaluation without {@code with}, whose default sampling the user never wrote: the
   *     messages then say so, and offer a {@code with} clause that fits
   */
  void sampling(Symbol.Model model, String modelName, TaskSpec spec, String taskName, Optional<Curriculum> curriculum,
      SamplingSpec sampling, boolean given, Span at) {
    Optional<ModelSpec> shape = model.spec(); // empty when loaded from a checkpoint: known only when it runs
    Optional<Task> task = task(spec);
    if (task.isEmpty()) {
      return;
    }
    LevelRange levels = widest(task.get(), curriculum);
    responses(model, modelName, task.get(), taskName, levels, curriculum.isPresent(), sampling, given, at);
    if (shape.isEmpty()) {
      return;
    }
    int prompt = task.get().longestPrompt(levels);
    int needed = prompt + sampling.maxTokens();
    int context = shape.get().context();
    if (context < needed) {
      String reach = curriculum.isPresent()
          ? " once the curriculum reaches " + task.get().knobName() + " " + levels.max() : "";
      String head = "model '" + modelName + "' has context " + context + ", but prompts of '" + taskName
          + "' take up to " + prompt + " tokens" + reach;
      if (given) {
        ctx.error(at, head + " and this sampling allows " + sampling.maxTokens() + " more: raise context to at"
            + " least " + needed + " or lower max_tokens");
        return;
      }
      int room = context - prompt;
      int least = longestResponse(model, task.get(), levels) + 1;
      ctx.error(at, head + ", and " + DEFAULT + " allows " + sampling.maxTokens() + " more: raise context to at"
          + " least " + needed + (room >= least ? ", or give a sampling that fits, e.g. " + greedy(room)
              : ", or to at least " + (prompt + least) + " and give a sampling that fits, e.g. " + greedy(least)));
    }
  }

  /** How messages name the sampling of an evaluation that has no {@code with}. */
  private static final String DEFAULT = "no sampling was given ('with …'), so the default one (greedy, max_tokens "
      + SamplingSpec.DEFAULT_MAX_TOKENS + ")";

  /** A {@code with} clause of greedy sampling, as an evaluation writes it. */
  private static String greedy(int maxTokens) {
    return "with sample(temperature: 0, max_tokens: " + maxTokens + ")";
  }

  /**
   * A response cut at max_tokens never reaches its end marker and scores 0 under every verifier, so max_tokens
   * must hold the longest answer plus the end marker, and the longest trace of each style the model was
   * fine-tuned on (it will write those).
   */
  private void responses(Symbol.Model model, String modelName, Task task, String taskName, LevelRange levels,
      boolean curriculum, SamplingSpec sampling, boolean given, Span at) {
    TraceStyle worst = longestStyle(model, task, levels);
    if (worst == null) {
      return;
    }
    int longest = task.longestExample(levels, worst).trace();
    int needed = longest + 1; // + the end marker, which max_tokens counts
    if (sampling.maxTokens() >= needed) {
      return;
    }
    String what = worst == TraceStyle.DIRECT ? "answers" : worst.id() + " traces (model '" + modelName
        + "' was fine-tuned on them)";
    String reach = curriculum ? " once the curriculum reaches " + task.knobName() + " " + levels.max() : "";
    String tail = " of '" + taskName + "' take up to " + longest + " tokens + 1 end marker" + reach
        + "; a response cut short scores 0: ";
    ctx.error(at, given
        ? "this sampling allows max_tokens " + sampling.maxTokens() + ", but " + what + tail + "raise max_tokens to"
            + " at least " + needed
        : DEFAULT + " applies, but " + what + tail + "give a sampling with"
            + " max_tokens of at least " + needed + ", e.g. " + greedy(needed));
  }

  /** The style of the longest response the model may write: answers, or a trace it was fine-tuned on. */
  private static TraceStyle longestStyle(Symbol.Model model, Task task, LevelRange levels) {
    TraceStyle worst = null;
    int longest = -1;
    for (TraceStyle style : TraceStyle.values()) {
      boolean written = style == TraceStyle.DIRECT || model.traces().contains(style);
      if (written && task.lacks(style).isEmpty()) {
        int trace = task.longestExample(levels, style).trace();
        if (trace > longest) {
          worst = style;
          longest = trace;
        }
      }
    }
    return worst;
  }

  /** The longest response the model may write, in tokens without the end marker (0 when nothing is known). */
  private static int longestResponse(Symbol.Model model, Task task, LevelRange levels) {
    TraceStyle worst = longestStyle(model, task, levels);
    return worst == null ? 0 : task.longestExample(levels, worst).trace();
  }

  /** Reports a model whose context cannot hold the longest training example of any style in the mix. */
  void sft(Symbol.Model model, String modelName, TaskSpec spec, String taskName, Map<TraceStyle, Double> traces,
      Span at) {
    Optional<ModelSpec> shape = model.spec();
    Optional<Task> task = task(spec);
    if (shape.isEmpty() || task.isEmpty()) {
      return;
    }
    TraceStyle worst = null;
    Example longest = null;
    for (TraceStyle style : TraceStyle.values()) { // declaration order, so the message is stable
      if (traces.getOrDefault(style, 0.0) > 0) {
        Example e = task.get().longestExample(task.get().levels(), style);
        if (longest == null || e.total() > longest.total()) {
          worst = style;
          longest = e;
        }
      }
    }
    int context = shape.get().context();
    if (longest == null || longest.total() + 1 <= context) {
      return;
    }
    int needed = longest.total() + 1; // the trainer appends the end marker; BOS takes the place of the last target
    ctx.error(at, "model '" + modelName + "' has context " + context + ", but sft on '" + taskName + "' needs "
        + needed + " tokens (prompt " + longest.prompt() + " + " + worst.id() + " trace " + longest.trace()
        + " + 1 end marker): raise context to at least " + needed + easier(task.get(), worst));
  }

  private static String easier(Task task, TraceStyle style) {
    String lower = task instanceof JsonlTask ? "use shorter problems" : "lower " + task.knobName();
    return style == TraceStyle.DIRECT ? " or " + lower
        : ", " + lower + " or train on traces shorter than " + style.id();
  }

  /** The task's levels, widened to both ends of a curriculum (whatever its shape, it moves between them). */
  private static LevelRange widest(Task task, Optional<Curriculum> curriculum) {
    if (curriculum.isEmpty()) {
      return task.levels();
    }
    LevelRange from = curriculum.get().from();
    LevelRange to = curriculum.get().to();
    return new LevelRange(Math.min(from.min(), to.min()), Math.max(from.max(), to.max()));
  }

  private Optional<Task> task(TaskSpec spec) {
    return ctx.data.task(spec); // a bad data file is reported, with its line, by the task statement
  }
}
