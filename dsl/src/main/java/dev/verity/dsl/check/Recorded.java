package dev.verity.dsl.check;

import dev.verity.dsl.Environment;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Stmt;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.plan.Action;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which metrics a stage records, so a plot of one it never records is refused at check time rather than drawn as
 * an empty chart after the run. sft records its loss and optimiser figures only (StepMetrics.sft leaves the rest
 * NaN); rl records every stage metric; either records eval_* when it has a periodic evaluation.
 */
final class Recorded {
  static final List<String> SFT = List.of("loss", "lr", "grad_norm", "tokens_per_s", "elapsed_s");
  /** Charts shows a lone stage's periodic evaluation beside these when plotted by step. */
  private static final List<String> EVALUATED = List.of("accuracy", "response_len_mean", "response_len_p90");

  private final Context ctx;
  private final Map<String, Environment.StageInfo> stages;

  Recorded(Context ctx, Map<String, Environment.StageInfo> stages) {
    this.ctx = ctx;
    this.stages = stages;
  }

  /** Reports an axis or metric none of {@code sources} records; true when every one is drawn by some stage. */
  boolean check(Stmt.Plot s, Action.Axis axis, List<String> sources) {
    List<Environment.StageInfo> infos = new ArrayList<>();
    for (String source : sources) {
      Optional.ofNullable(stages.get(source)).ifPresent(infos::add);
    }
    if (infos.size() != sources.size()) {
      return true; // a stage the checker knows nothing of: leave it to the run
    }
    boolean one = sources.size() == 1;
    String which = one ? "'" + sources.get(0) + "'" : String.join(", ", sources);
    if (axis == Action.Axis.RESPONSE_LEN_MEAN && infos.stream().noneMatch(i -> i.keyword().equals("rl"))) {
      ctx.error(s.axis().span(), (one ? "sft stage " + which + " records" : "sft stages " + which + " record")
          + " no response lengths, so nothing can be plotted by response_len_mean: plot by step, or name an rl"
          + " stage with 'for'");
      return false;
    }
    Set<String> recorded = new LinkedHashSet<>();
    infos.forEach(i -> recorded.addAll(metrics(i, axis, one)));
    boolean ok = true;
    for (Name metric : s.metrics()) {
      if (!recorded.contains(metric.text())) {
        ok = false;
        ctx.error(metric.span(), (one ? infos.get(0).keyword() + " stage " + which + " does not record '"
            + metric.text() + "': it records " : "none of the stages " + which + " records '" + metric.text()
            + "': they record ") + String.join(", ", recorded) + note(metric.text()));
      }
    }
    return ok;
  }

  /** What a plot of one stage by {@code axis} can show. */
  static List<String> metrics(Environment.StageInfo info, Action.Axis axis, boolean alone) {
    boolean rl = info.keyword().equals("rl");
    if (axis == Action.Axis.RESPONSE_LEN_MEAN && !rl) {
      return List.of();
    }
    List<String> out = new ArrayList<>(rl ? Builtins.STAGE_METRICS : SFT);
    if (info.periodicEval()) {
      if (alone && axis == Action.Axis.STEP) {
        EVALUATED.stream().filter(m -> !out.contains(m)).forEach(out::add);
      }
      out.addAll(Builtins.PERIODIC_EVAL_METRICS);
    }
    return out;
  }

  /** Where the metric comes from, when no plotted stage can have it. */
  private static String note(String metric) {
    if (metric.startsWith("eval_")) {
      return " (eval_ metrics come from a periodic evaluation: eval: TASK every N in the stage's block)";
    }
    return SFT.contains(metric) ? "" : " (" + metric + " is measured on rollouts, which only rl stages sample)";
  }
}
