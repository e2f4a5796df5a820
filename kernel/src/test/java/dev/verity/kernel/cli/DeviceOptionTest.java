package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.engine.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --device on run, replay and bench, on a machine without a GPU (as CI): refusals, and what a CPU run records. */
class DeviceOptionTest {
  static final String TINY = """
      experiment "dev" seed 3
      task add = addition(digits: 1..2)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 32)
      sft warm: policy on add { steps: 3, batch: 4 }
      """;

  @TempDir Path dir;

  private Path file() throws IOException {
    return Files.writeString(dir.resolve("dev.verity"), TINY);
  }

  private static String single(Cli.Ran ran) {
    assertEquals(1, ran.errLines().size(), ran.all());
    return ran.errLines().get(0);
  }

  @Test
  void askingForAGpuThatIsNotThereIsAWrongCommandLineNotACpuRun() throws IOException {
    List<List<String>> commands = List.of(
        List.of("run", file().toString(), "--device", "gpu", "--out", dir.resolve("runs").toString()),
        List.of("bench", "--device", "gpu"));
    for (List<String> command : commands) {
      Cli.Ran ran = Cli.verity(command.toArray(new String[0]));
      assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
      String line = single(ran);
      assertTrue(line.startsWith("verity: --device gpu: no usable GPU: PyTorch "), line);
      assertTrue(line.contains(", a build without CUDA. For a GPU, point VERITY_TORCH at a CUDA build of PyTorch"),
          line);
      assertEquals("", ran.out(), "nothing ran");
    }
    assertFalse(Files.exists(dir.resolve("runs")), "no run directory");
  }

  @Test
  void anUnknownDeviceIsRefusedNamingTheChoices() throws IOException {
    Cli.Ran ran = Cli.verity("run", file().toString(), "--device", "cuda");
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith("Invalid value for option '--device': 'cuda' is not a device: give auto, cpu or"
        + " gpu"), ran.all());
  }

  @Test
  void aCpuRunRecordsItsDeviceAndNativesAndARunRecordedOnAGpuIsNotReplayedHere() throws IOException {
    Cli.Ran ran = Cli.verity("run", file().toString(), "--device", "cpu", "--out", dir.resolve("runs").toString());
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    Path run;
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      run = runs.findFirst().orElseThrow();
    }
    JsonNode manifest = new ObjectMapper().readTree(run.resolve(RunDirectory.MANIFEST).toFile());
    assertEquals("cpu()", manifest.get("device").asText());
    assertEquals("cpu", manifest.get("versions").get("natives").get("flavor").asText(), manifest.toString());

    Cli.Ran again = Cli.verity("replay", run.toString(), "--device", "cpu", "--out", dir.resolve("again").toString());
    assertEquals(Verity.DONE, again.exitCode(), again.all());
    assertTrue(again.out().endsWith("identical\n"), again.all());

    Path manifestFile = run.resolve(RunDirectory.MANIFEST);
    Files.writeString(manifestFile, Files.readString(manifestFile).replace("\"device\" : \"cpu()\"",
        "\"device\" : \"gpu(0)\""));
    Cli.Ran onGpu = Cli.verity("replay", run.toString(), "--out", dir.resolve("refused").toString());
    assertEquals(Verity.BAD_INPUT, onGpu.exitCode(), onGpu.all());
    assertEquals("verity: the run was recorded on gpu(0) but this machine computes on cpu(): replay it on a machine"
        + " with the same device, where the numbers can match bit for bit (a GPU that PyTorch can use: --device gpu"
        + " says why there is none here)", single(onGpu));
    Cli.Ran forced = Cli.verity("replay", run.toString(), "--device", "gpu", "--out", dir.resolve("refused").toString());
    assertEquals(Verity.BAD_INPUT, forced.exitCode(), forced.all());
    assertTrue(single(forced).startsWith("verity: --device gpu: no usable GPU"), forced.all());
    assertFalse(Files.exists(dir.resolve("refused")), "nothing ran");
  }

  @Test
  void benchRefusesValuesOutOfRangeBeforeAnyWork() {
    Cli.Ran ran = Cli.verity("bench", "--size", "huge");
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertEquals("verity: --size huge: give standard, large or both", single(ran));
    assertEquals(Verity.BAD_INPUT, Cli.verity("bench", "--repeats", "0").exitCode());
  }
}
