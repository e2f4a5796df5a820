package dev.verity.kernel.cli;

/** A mistake in what the user asked for (a missing file, a run directory that is not one): one line, then exit. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(String message) {
    this(message, Verity.BAD_INPUT);
  }

  CliException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
