package dev.verity.engine.sft;

import dev.verity.engine.optim.Schedule;
import dev.verity.engine.rl.PeriodicEval;
import dev.verity.engine.task.TraceStyle;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one {@code sft} stage; {@code traces} maps each style to its weight in the mix. Steps have no
 * default; {@link #of} fills in the others, which the {@code with…} methods change by name.
 */
public record SftSpec(
    Map<TraceStyle, Double> traces,
    int steps,
    int batch,
    Schedule lr,
    Optional<PeriodicEval> eval,
    double weightDecay,
    double clipNorm,
    double reflectP) {

  public static final TraceStyle DEFAULT_TRACES = TraceStyle.DIRECT;
  public static final int DEFAULT_BATCH = 64;
  public static final Schedule DEFAULT_LR = Schedule.constant(1e-3);
  public static final double DEFAULT_WEIGHT_DECAY = 0.0;
  public static final double DEFAULT_CLIP_NORM = 1.0;
  /** How often a reflect trace writes a step wrong first. */
  public static final double DEFAULT_REFLECT_P = 0.2;

  /** A stage of {@code steps} steps with every other setting at its default. */
  public static SftSpec of(int steps) {
    return new SftSpec(Map.of(DEFAULT_TRACES, 1.0), steps, DEFAULT_BATCH, DEFAULT_LR, Optional.empty(),
        DEFAULT_WEIGHT_DECAY, DEFAULT_CLIP_NORM, DEFAULT_REFLECT_P);
  }

  public SftSpec withTraces(Map<TraceStyle, Double> traces) {
    return new SftSpec(traces, steps, batch, lr, eval, weightDecay, clipNorm, reflectP);
  }

  public SftSpec withBatch(int batch) {
    return new SftSpec(traces, steps, batch, lr, eval, weightDecay, clipNorm, reflectP);
  }

  public SftSpec withLr(Schedule lr) {
    return new SftSpec(traces, steps, batch, lr, eval, weightDecay, clipNorm, reflectP);
  }

  public SftSpec withEval(Optional<PeriodicEval> eval) {
    return new SftSpec(traces, steps, batch, lr, eval, weightDecay, clipNorm, reflectP);
  }

  public SftSpec withWeightDecay(double weightDecay) {
    return new SftSpec(traces, steps, batch, lr, eval, weightDecay, clipNorm, reflectP);
  }

  public SftSpec withReflectP(double reflectP) {
    return new SftSpec(traces, steps, batch, lr, eval, weightDecay, clipNorm, reflectP);
  }

  public SftSpec withClipNorm(double clipNorm) {
    return new SftSpec(traces, steps, batch, lr, eval, weightDecay, clipNorm, reflectP);
  }
}
