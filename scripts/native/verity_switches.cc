// libtorch's deterministic-algorithms mode for Verity (dev.verity.engine.runtime.TorchSwitches), which DJL's JNI
// does not expose. scripts/build-jni.sh compiles this file into the libdjl_torch.so it builds, beside DJL's own
// JNI sources; the JVM binds these functions to TorchSwitches' native methods by name.
#include <jni.h>

#include <ATen/Context.h>

extern "C" {

JNIEXPORT void JNICALL Java_dev_verity_engine_runtime_TorchSwitches_setDeterministicAlgorithms(
    JNIEnv*, jclass, jboolean on, jboolean warn_only) {
  at::globalContext().setDeterministicAlgorithms(on == JNI_TRUE, warn_only == JNI_TRUE);
}

JNIEXPORT jboolean JNICALL Java_dev_verity_engine_runtime_TorchSwitches_deterministicAlgorithms(JNIEnv*, jclass) {
  return at::globalContext().deterministicAlgorithms() ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jboolean JNICALL Java_dev_verity_engine_runtime_TorchSwitches_deterministicAlgorithmsWarnOnly(
    JNIEnv*, jclass) {
  return at::globalContext().deterministicAlgorithmsWarnOnly() ? JNI_TRUE : JNI_FALSE;
}

}  // extern "C"
