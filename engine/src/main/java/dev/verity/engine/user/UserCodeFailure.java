package dev.verity.engine.user;

/**
 * A call into a user's task that nothing can stand in for threw: what the checker asks of it (alphabet, lengths,
 * levels), or its generator or trace as a stage runs. Its message names the call as a failing verifier's does in
 * {@code user_code_errors}: {@code Reverse.alphabet threw java.lang.RuntimeException: boom}; the user's exception is
 * its cause. An {@link IllegalStateException}, so that a stage that meets it stops with that message at its
 * statement, as it does on bad data.
 */
public final class UserCodeFailure extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * @param owner the class, as errors name it ({@code Reverse})
   * @param method the method that threw ({@code alphabet})
   */
  UserCodeFailure(String owner, String method, Throwable thrown) {
    super(owner + "." + method + " threw " + thrown, thrown);
  }
}
