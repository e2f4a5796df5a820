package dev.verity.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** manifest.json records which PyTorch native library a run computed with, and reads manifests written before. */
class ManifestNativesTest {
  @TempDir Path runs;

  @Test
  void theNativeLibraryThisProcessLoadedIsRecordedAndReadBack() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "natives", Samples.CLOCK);
    run.writeSource("experiment \"natives\" seed 1\n");
    Manifest m = run.start(RunSettings.of(1, 1, "cpu()"), Manifest.Versions.current());
    assertEquals(m, run.manifest(), "read back equal");

    JsonNode natives = new ObjectMapper().readTree(Files.readString(run.manifestFile())).get("versions")
        .get("natives");
    assertEquals("cpu", natives.get("flavor").asText(), "the CPU natives DJL ships: " + natives);
    assertTrue(Files.isDirectory(Path.of(natives.get("libtorch").asText())), "the folder libtorch was loaded from");
    assertFalse(natives.has("cuda"), "no CUDA runtime on a CPU run");
    assertFalse(natives.has("torch_deterministic"), "libtorch's deterministic mode is off unless asked for");
  }

  @Test
  void aManifestWrittenBeforeNativesWereRecordedStillReads() throws Exception {
    RunDirectory run = Samples.started(runs, "older");
    String text = Files.readString(run.manifestFile());
    assertFalse(text.contains("natives"), "versions without natives write as they did: " + text);
    assertNull(run.manifest().versions().natives());
    assertEquals(Samples.VERSIONS, RunDirectory.openReadOnly(run.path()).manifest().versions());
  }
}
