package dev.verity.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MklOnAmdTest {
  @TempDir Path natives;

  @Test
  void onIntelNothingIsBuiltOrLoaded() throws Exception {
    assertNull(MklOnAmd.decide("GenuineIntel", null, false, natives));
    assertNull(MklOnAmd.decide("", null, false, natives)); // no /proc/cpuinfo: not a machine this concerns
    assertEquals(List.of(), list(natives));
  }

  @Test
  void onAmdTheUserCanKeepTheGenericPath() throws Exception {
    assertEquals("generic (VERITY_MKL_KERNELS=generic)", MklOnAmd.decide("AuthenticAMD", "generic", false, natives));
    assertEquals(List.of(), list(natives));
  }

  @Test
  void tooLateOnceLibtorchIsLoaded() {
    // MKL would already have answered its question with its own function: say so rather than half-switch
    assertTrue(MklOnAmd.decide("AuthenticAMD", null, true, natives).startsWith("generic (libtorch was loaded"));
  }

  @Test
  void theLibraryAnswersYesFromTheGlobalScopeAndIsBuiltOnce() throws Exception {
    Path library = MklOnAmd.build(natives);
    assertTrue(library.getFileName().toString().startsWith("libverity-mkl-intel-check-"), library.toString());
    assertEquals(List.of(library.getFileName().toString()), list(natives)); // no source, log or partial file left

    // in a fresh JVM, so this one's libtorch keeps the kernels it started with
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), MklOnAmdProbe.class.getName(), library.toString())
        .redirectErrorStream(true).start();
    String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
    assertEquals("1", said.strip(), "System.load left it out of the global scope, or it answered otherwise");

    FileTime built = Files.getLastModifiedTime(library);
    Files.setLastModifiedTime(library, FileTime.fromMillis(built.toMillis() - 60_000));
    FileTime aged = Files.getLastModifiedTime(library);
    assertEquals(library, MklOnAmd.build(natives));
    assertEquals(aged, Files.getLastModifiedTime(library), "the library was compiled again");
  }

  @Test
  void whenTheLibraryCannotBeBuiltMklKeepsTheGenericPathAndSaysWhere() throws Exception {
    Path notWritable = natives.resolve("file");
    Files.writeString(notWritable, "a file where the folder should be");
    String outcome = MklOnAmd.decide("AuthenticAMD", null, false, notWritable);
    assertTrue(outcome.startsWith("generic (could not build Verity's library in " + notWritable), outcome);
    assertFalse(outcome.contains("Exception"), outcome);
  }

  @Test
  void aRerunOnOtherKernelsIsToldWhyItsNumbersDiffer() {
    String fast = MklOnAmd.BY_INSTRUCTION_SET;
    Optional<String> generic = Optional.of("generic (VERITY_MKL_KERNELS=generic)");
    Optional<String> intel = Optional.empty();
    assertEquals(Optional.empty(), MklOnAmd.rerunNote(null, Optional.of(fast))); // made on Intel
    assertEquals(Optional.empty(), MklOnAmd.rerunNote(fast, Optional.of(fast)));
    assertEquals(Optional.empty(), MklOnAmd.rerunNote(fast, intel)); // Intel computes as AMD by instruction set
    assertEquals(Optional.empty(), MklOnAmd.rerunNote(generic.get(), generic));
    assertTrue(MklOnAmd.rerunNote(fast, generic).orElseThrow().contains("install a C compiler"));
    String older = MklOnAmd.rerunNote("generic (this process did not load Verity's library)", Optional.of(fast))
        .orElseThrow();
    assertTrue(older.contains("VERITY_MKL_KERNELS=generic reruns it"), older);
    assertTrue(MklOnAmd.rerunNote(generic.get(), intel).isPresent());
  }

  private static List<String> list(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
