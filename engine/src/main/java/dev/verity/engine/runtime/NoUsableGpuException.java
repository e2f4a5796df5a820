package dev.verity.engine.runtime;

/** A GPU was asked for where PyTorch cannot use one; the message says what was found and how to get one. */
public final class NoUsableGpuException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoUsableGpuException(String message) {
    super(message);
  }
}
