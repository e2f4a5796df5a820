package dev.verity.kernel.eval;

/** Help for a name under the cursor, as plain text (a signature, then what it does). */
public record Inspection(String text) {}
