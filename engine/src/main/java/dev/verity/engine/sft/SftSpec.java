package dev.verity.engine.sft;

import dev.verity.engine.optim.Schedule;
import dev.verity.engine.rl.PeriodicEval;
import dev.verity.engine.task.TraceStyle;
import java.util.Map;
import java.util.Optional;

/** The settings of one {@code sft} stage; {@code traces} maps each style to its weight in the mix. */
public record SftSpec(
    Map<TraceStyle, Double> traces,
    int steps,
    int batch,
    Schedule lr,
    Optional<PeriodicEval> eval,
    double weightDecay,
    double clipNorm) {}
