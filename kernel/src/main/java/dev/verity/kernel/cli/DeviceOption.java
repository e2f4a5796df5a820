package dev.verity.kernel.cli;

import dev.verity.engine.runtime.DeviceChoice;
import dev.verity.engine.runtime.NoUsableGpuException;
import dev.verity.engine.runtime.TorchRuntime;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --device auto|cpu|gpu}, a mixin for every command that computes (run, replay, bench, sweep): where models
 * are created. {@code gpu} where PyTorch can use none is refused with what was found, never run on the CPU.
 */
final class DeviceOption {
  @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto", converter = Choice.class,
      description = "where models compute: auto (the GPU when PyTorch can use one, else the CPU), cpu, or gpu (an"
          + " error where no GPU is usable; README, On a GPU, says how to get one) (default: ${DEFAULT-VALUE})")
  DeviceChoice choice = DeviceChoice.AUTO;

  /** Makes the choice this process's device; a GPU that is not usable is a wrong command line (exit 2). */
  void apply() {
    try {
      TorchRuntime.use(choice);
    } catch (NoUsableGpuException e) {
      throw new CliException("--device gpu: " + e.getMessage());
    } catch (IllegalStateException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** picocli's converter: the three names, any case, else one line naming them (picocli exits 2). */
  static final class Choice implements ITypeConverter<DeviceChoice> {
    @Override
    public DeviceChoice convert(String value) {
      try {
        return DeviceChoice.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
