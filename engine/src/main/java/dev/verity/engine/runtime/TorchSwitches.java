package dev.verity.engine.runtime;

import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * libtorch's deterministic-algorithms mode, which DJL's JNI does not expose. {@code scripts/build-jni.sh} compiles
 * {@code scripts/native/verity_switches.cc} into the JNI library it builds; DJL's own builds lack it, and then the
 * mode stays off.
 *
 * <p>It is a diagnostic, set by {@code VERITY_TORCH_DETERMINISTIC=warn|on} before the engine starts: with it on,
 * libtorch picks deterministic kernels where it has them and names every op that has none (a warning, or with
 * {@code on} an error), which is how nondeterministic ops on a GPU are found. The engine itself avoids the ops it
 * knows to be nondeterministic ({@link DeterministicOps}) whatever this says.
 */
public final class TorchSwitches {
  /** The environment variable read by {@link #applyFromEnvironment}. */
  public static final String VARIABLE = "VERITY_TORCH_DETERMINISTIC";

  private TorchSwitches() {}

  private static native void setDeterministicAlgorithms(boolean on, boolean warnOnly);

  private static native boolean deterministicAlgorithms();

  private static native boolean deterministicAlgorithmsWarnOnly();

  /** Whether the loaded JNI library has these switches (only after the engine has loaded it). */
  public static boolean available() {
    try {
      deterministicAlgorithms();
      return true;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }

  /** {@code off}, {@code warn} or {@code on}: libtorch's mode now ({@code off} where the switches are absent). */
  public static String deterministicMode() {
    if (!available()) {
      return "off";
    }
    return !deterministicAlgorithms() ? "off" : deterministicAlgorithmsWarnOnly() ? "warn" : "on";
  }

  /**
   * Sets libtorch's mode from {@value #VARIABLE} ({@code warn}, {@code on}; unset or {@code off}: left as it is).
   *
   * @throws IllegalStateException when the variable asks for a mode the loaded JNI cannot set, or is not a mode
   */
  public static void applyFromEnvironment() {
    String value = System.getenv(VARIABLE);
    if (value == null || value.isBlank() || value.equalsIgnoreCase("off")) {
      return;
    }
    String mode = value.strip().toLowerCase(Locale.ROOT);
    Engine.getInstance(); // loads the JNI library that has (or lacks) the switches
    if (!mode.equals("warn") && !mode.equals("on")) {
      throw new IllegalStateException(VARIABLE + "=" + value + ": give warn, on or off");
    }
    if (!available()) {
      throw new IllegalStateException(VARIABLE + "=" + value + " needs a JNI library built by scripts/build-jni.sh;"
          + " the one loaded lacks the switch");
    }
    setDeterministicAlgorithms(true, mode.equals("warn"));
  }
}
