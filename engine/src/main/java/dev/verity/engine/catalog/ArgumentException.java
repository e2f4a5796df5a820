package dev.verity.engine.catalog;

/**
 * A built-in's factory refusing its arguments: the message says what is wrong and how to fix it, and
 * {@link #param()} names the argument at fault (empty: the call as a whole), so a front end can point at it.
 */
public final class ArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String param;

  public ArgumentException(String param, String message) {
    super(message);
    this.param = param == null ? "" : param;
  }

  /** The parameter whose value is wrong; empty when the arguments together are. */
  public String param() {
    return param;
  }
}
