package dev.verity.kernel.jshell;

/**
 * What a Java cell's {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} call instead ({@link
 * ExitGuard} rewrites the calls as the cell's classes load): the cell stops with an error that says why, and the
 * kernel, with every result the session holds, lives on. Public because the cells' classes, in a class loader of
 * JShell's, call it.
 */
public final class CellExit {
  private CellExit() {}

  public static void systemExit(int status) {
    throw refused("System.exit(" + status + ")");
  }

  public static void runtimeExit(Runtime runtime, int status) {
    throw refused("Runtime.exit(" + status + ")");
  }

  public static void runtimeHalt(Runtime runtime, int status) {
    throw refused("Runtime.halt(" + status + ")");
  }

  private static UnsupportedOperationException refused(String call) {
    return new UnsupportedOperationException(call + " would end the kernel and lose the session's results, so a"
        + " cell cannot call it: return or throw to stop a cell; to end the session, shut the kernel down from"
        + " Jupyter");
  }
}
