package dev.verity.kernel.cli;

import ai.djl.Device;

/** The end of the message that refuses to rerun a run recorded on another device: which option would do it. */
final class DeviceHint {
  private DeviceHint() {}

  /** Empty, or {@code " (--device cpu)"}-style advice when the recorded device is one this machine has. */
  static String forRecorded(String recorded, String here) {
    if (recorded.equals(Device.cpu().toString())) {
      return " (here: --device cpu)"; // every machine has a CPU; the GPU was chosen by auto or --device gpu
    }
    if (recorded.startsWith("gpu") && here.equals(Device.cpu().toString())) {
      return " (a GPU that PyTorch can use: --device gpu says why there is none here)";
    }
    return "";
  }
}
