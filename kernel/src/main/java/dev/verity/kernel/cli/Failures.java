package dev.verity.kernel.cli;

import ai.djl.engine.EngineException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line a command's unexpected failure is reported as. Wrappers say little by themselves: an
 * ExceptionInInitializerError has no message, and a class whose initialiser failed before then fails with a
 * NoClassDefFoundError that names only the class. So the line names the root cause, its class and message, and when
 * PyTorch's natives are what failed, what to check.
 */
final class Failures {
  /** The JDK's record of a failed initialiser, kept as the cause of a later NoClassDefFoundError (JDK 17). */
  private static final Pattern EARLIER_FAILURE = Pattern.compile("^Exception (\\S+?)(?:: (.*))? \\[in thread .*]$",
      Pattern.DOTALL);

  private Failures() {}

  /** What {@code verity} prints after {@code verity: } when a command ends in {@code e}. */
  static String message(Throwable e) {
    if (e instanceof CliException) {
      return e.getMessage();
    }
    Optional<String> rebuilt = RebuiltJar.explain(e);
    if (rebuilt.isPresent()) {
      return rebuilt.get();
    }
    if (nativesFailed(e)) { // the natives, not Verity: say which and why, from DJL's own account when it gave one
      return "PyTorch did not start: " + describe(engineFailure(e).orElse(e)) + NativesHint.forLoadFailure();
    }
    return "internal error: " + describe(e) + " (please report it with the command you ran)";
  }

  /**
   * {@code e} and, when it wraps another, its root cause: {@code java.lang.ExceptionInInitializerError in the
   * static initialiser of a.B, caused by java.lang.IllegalStateException: no device}.
   */
  static String describe(Throwable e) {
    String head = e instanceof EngineException && e.getMessage() != null ? e.getMessage() : e.toString();
    if (e instanceof ExceptionInInitializerError && e.getCause() != null) {
      head = e.getClass().getName() + initialising(e.getCause()).map(c -> " in the static initialiser of " + c)
          .orElse("");
    }
    Throwable root = root(e);
    if (root == e) {
      return head;
    }
    Matcher earlier = EARLIER_FAILURE.matcher(root instanceof ExceptionInInitializerError
        && root.getMessage() != null ? root.getMessage() : "");
    if (earlier.matches()) { // the cause of "Could not initialize class X": the JDK's note of what X threw first
      return head + ", which failed earlier with " + earlier.group(1)
          + (earlier.group(2) == null ? "" : ": " + earlier.group(2));
    }
    return head + ", caused by " + root;
  }

  private static Throwable root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static Optional<Throwable> engineFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EngineException) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The class whose static initialiser threw {@code thrown}: the innermost one on its stack. */
  private static Optional<String> initialising(Throwable thrown) {
    for (StackTraceElement frame : thrown.getStackTrace()) {
      if (frame.getMethodName().equals("<clinit>")) {
        return Optional.of(frame.getClassName());
      }
    }
    return Optional.empty();
  }

  /**
   * DJL could not start its engine, or one of PyTorch's native libraries did not link; a library of the JDK's own
   * (AWT's font manager, which charts use) is not PyTorch's, and gets no hint about PyTorch.
   */
  private static boolean nativesFailed(Throwable e) {
    if (engineFailure(e).isPresent()) {
      return true;
    }
    boolean linkFailed = false;
    boolean pytorch = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String text = String.valueOf(t.getMessage());
      linkFailed |= t instanceof UnsatisfiedLinkError
          || (t instanceof ExceptionInInitializerError && text.startsWith("Exception java.lang.UnsatisfiedLinkError"));
      pytorch |= text.contains("ai.djl.") || text.contains("torch");
      for (StackTraceElement frame : t.getStackTrace()) {
        pytorch |= frame.getClassName().startsWith("ai.djl.");
      }
    }
    return linkFailed && pytorch;
  }
}
