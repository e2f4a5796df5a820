package dev.verity.kernel.magic;

/** One checked {@code %} line at the top of a cell. {@link Magics} parses them; a {@link MagicHandler} acts. */
public sealed interface Magic {

  /** {@code %seed N}: fixes all randomness of what follows. */
  record Seed(long seed) implements Magic {}

  /** {@code %threads N}: compute threads for training and sampling. */
  record Threads(int threads) implements Magic {}

  /** {@code %device cpu|gpu}: where models live. */
  record Device(Kind kind) implements Magic {
    public enum Kind { CPU, GPU }
  }

  /** {@code %run FILE}: runs an experiment file in this session (path as written, relative to the notebook). */
  record Run(String file) implements Magic {}

  /** {@code %export FILE}: writes the cells run so far as an experiment file. */
  record Export(String file) implements Magic {}

  /**
   * {@code %sweep FILE|DIR [options]}: runs a sweep over seeds and settings with a live table, or shows one; the
   * words after the name, as {@code verity sweep} takes them plus {@code --plot} and {@code --stage}.
   */
  record Sweep(java.util.List<String> args) implements Magic {
    public Sweep {
      args = java.util.List.copyOf(args);
    }
  }

  /** {@code %compare DIR… [--metric M]}: the final evaluations of sweeps or runs, pair by pair. */
  record Compare(java.util.List<String> args) implements Magic {
    public Compare {
      args = java.util.List.copyOf(args);
    }
  }

  /** {@code %classpath PATH}: a jar or class folder Java cells compile and run against (path as written). */
  record Classpath(String path) implements Magic {}

  /** {@code %runs}: lists the recorded runs. */
  record Runs() implements Magic {}

  /** {@code %help}: lists the magics; the kernel answers it itself. */
  record Help() implements Magic {}
}
