package dev.verity.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --device auto|cpu|gpu on a machine without a GPU (as CI): what each means, and what a GPU request says. */
class DeviceChoiceTest {
  @TempDir Path dir;

  @Test
  void choicesParseInAnyCaseAndOthersAreRefusedNamingTheThree() {
    assertEquals(DeviceChoice.GPU, DeviceChoice.parse("GPU"));
    assertEquals(DeviceChoice.AUTO, DeviceChoice.parse(" auto"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("cuda"));
    assertEquals("'cuda' is not a device: give auto, cpu or gpu", e.getMessage());
  }

  @Test
  void withoutAGpuAutoAndCpuMeanTheCpuAndGpuIsRefusedSayingWhatWasLoaded() {
    assertEquals(Device.cpu(), TorchRuntime.resolve(DeviceChoice.AUTO));
    assertEquals(Device.cpu(), TorchRuntime.resolve(DeviceChoice.CPU));
    NoUsableGpuException e =
        assertThrows(NoUsableGpuException.class, () -> TorchRuntime.resolve(DeviceChoice.GPU));
    NativeLibrary loaded = NativeLibrary.loaded();
    assertTrue(e.getMessage().startsWith("no usable GPU: PyTorch " + loaded.version() + " was loaded from "
        + loaded.folder() + ", a build without CUDA. For a GPU, point VERITY_TORCH at a CUDA build"), e.getMessage());
    assertTrue(e.getMessage().endsWith("or give --device cpu"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void aCudaBuildWithoutADeviceIsToldApartFromACpuBuild() {
    NativeLibrary cudaBuild = new NativeLibrary("2.11.0", "cu130", "/opt/torch/lib", Optional.empty(), 0, "off");
    assertTrue(TorchRuntime.noGpuReason(cudaBuild).startsWith("no usable GPU: PyTorch 2.11.0 (cu130) from"
        + " /opt/torch/lib is a CUDA build, but CUDA reports no usable GPU (check nvidia-smi"),
        TorchRuntime.noGpuReason(cudaBuild));
  }

  @Test
  void theLoadedLibraryIsDescribedWithItsFlavorAndFolder() {
    NativeLibrary loaded = NativeLibrary.loaded();
    assertEquals("cpu", loaded.flavor(), "the natives DJL ships for the CPU");
    assertEquals(0, loaded.gpus());
    assertEquals(Optional.empty(), loaded.cuda());
    assertEquals("PyTorch " + loaded.version() + " (cpu) from " + loaded.folder() + ", 0 GPUs", loaded.describe());
  }

  @Test
  void theFlavorComesFromTheUsersVariablesForTheirFolderElseFromDjlsCacheFolderName() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("torch/lib"));
    assertEquals("cu130", NativeLibrary.flavor(lib.toString(), dir.resolve("torch/../torch/lib").toString(), "cu130"));
    assertEquals("unknown (PYTORCH_FLAVOR is not set)", NativeLibrary.flavor(lib.toString(), lib.toString(), null));
    assertEquals("cpu", NativeLibrary.flavor("/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64", null, null));
    assertEquals("cu128",
        NativeLibrary.flavor("/root/.djl.ai/pytorch/2.7.1-cu128-precxx11-linux-x86_64", lib.toString(), "cpu"));
    assertEquals("unknown", NativeLibrary.flavor("/somewhere/else", null, null));
  }
}
