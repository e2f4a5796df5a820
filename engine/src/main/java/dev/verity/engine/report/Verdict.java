package dev.verity.engine.report;

/** The outcome of a check, such as a reward unit test: passed or not, with a one-line explanation. */
public record Verdict(boolean passed, String text) {}
