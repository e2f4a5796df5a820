package dev.verity.dsl.ast;

/** An identifier where it was written. */
public record Name(String text, Span span) {}
