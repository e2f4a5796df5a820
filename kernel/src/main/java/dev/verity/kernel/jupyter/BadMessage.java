package dev.verity.kernel.jupyter;

/** A message that failed its signature check or could not be read: dropped and logged, never answered. */
final class BadMessage extends Exception {
  private static final long serialVersionUID = 1L;

  BadMessage(String reason) {
    super(reason, null, false, false);
  }
}
