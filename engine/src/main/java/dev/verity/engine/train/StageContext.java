package dev.verity.engine.train;

import dev.verity.engine.eval.EvalSet;
import java.util.Optional;

/**
 * Where a stage sits in its experiment: its name (the {@code stage} column), its index (a coordinate of every
 * random stream it draws), the experiment's seed, and an optional periodic evaluation.
 */
public record StageContext(String stage, int stageIndex, long seed, Optional<EvalSet> eval) {}
