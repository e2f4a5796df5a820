package dev.verity.engine.task;

/**
 * One problem: the prompt the model sees, a reference answer, and the difficulty level it was drawn at.
 *
 * <p>The reference answer is what {@code exact_answer} compares against for tasks with one right answer; tasks
 * with many right answers (countdown) verify the response itself and keep one solution here.
 */
public record Problem(String prompt, String answer, int level) {}
