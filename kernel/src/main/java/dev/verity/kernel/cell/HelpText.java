package dev.verity.kernel.cell;

/** Help for a name under the cursor, as plain text (a signature, then what it does). */
public record HelpText(String text) {}
