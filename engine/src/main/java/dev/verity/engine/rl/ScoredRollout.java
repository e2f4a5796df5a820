package dev.verity.engine.rl;

import dev.verity.engine.reward.RewardResult;
import dev.verity.engine.task.Problem;

/**
 * One sampled response as the RL step saw it: which prompt and sample it was, what was said, its reward with
 * every term, whether it was right, and the advantage it was trained with.
 */
public record ScoredRollout(
    int promptIndex,
    int sample,
    Problem problem,
    String response,
    int tokens,
    boolean truncated,
    RewardResult reward,
    boolean correct,
    double advantage) {}
