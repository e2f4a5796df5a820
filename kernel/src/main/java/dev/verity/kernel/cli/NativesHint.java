package dev.verity.kernel.cli;

/** The end of the message when PyTorch's native library does not load: what was asked for, and what to check. */
final class NativesHint {
  private NativesHint() {}

  static String forLoadFailure() {
    return forLoadFailure(System.getenv("PYTORCH_LIBRARY_PATH"), System.getenv("PYTORCH_VERSION"),
        System.getenv("PYTORCH_FLAVOR"));
  }

  /** For a local libtorch (bin/verity sets these three from VERITY_TORCH): its folder, and the JNI it needs. */
  static String forLoadFailure(String libraryPath, String version, String flavor) {
    if (libraryPath == null || libraryPath.isBlank()) {
      return "; the bundled CPU natives are unpacked into ~/.djl.ai: check it is writable and has space";
    }
    return "; it was asked to load PyTorch " + version + " (" + flavor + ") from " + libraryPath + ": check that"
        + " folder holds that build, and rebuild its JNI library with scripts/build-jni.sh (README, On a GPU)";
  }
}
