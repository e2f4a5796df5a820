package dev.verity.dsl.assist;

/** One completion: the text to insert, what it is ({@code keyword}, {@code task}, {@code argument}…), a hint. */
public record Candidate(String text, String kind, String detail) {}
