package dev.verity.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's file damaged after Verity wrote it — bytes that are not UTF-8, a folder in its place — fails every
 * reader with a message naming the file, the line and the byte, and what to do; never Java's "Input length = 1"
 * or "Is a directory" alone. A last line a crash cut inside a character is not damage: a resume drops it.
 */
class DamagedRecordsTest {
  private static final String RESTORE = "the run's records are damaged: restore the file from a copy, or run the"
      + " experiment again";

  @TempDir Path runs;

  /** {@code read} fails with exactly {@code message}, which names its file. */
  private static void fails(String message, Executable read) {
    RunFormatException e = assertThrows(RunFormatException.class, read);
    assertEquals(message, e.getMessage());
    assertTrue(e.file().isPresent(), "the file is known, so compare can name the run: " + message);
  }

  /** Sets the byte at {@code index} of {@code file} to 0xFF, which no UTF-8 text holds; returns it 1-based. */
  private static long spoil(Path file, int index) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[index] = (byte) 0xFF;
    Files.write(file, bytes);
    return index + 1;
  }

  /** Where line {@code line} (1-based) of {@code file} starts, as a byte index. */
  private static int lineStart(Path file, int line) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int at = 0;
    for (int n = 1; n < line; n++) {
      while (bytes[at] != '\n') {
        at++;
      }
      at++;
    }
    return at;
  }

  @Test
  void bytesThatAreNotUtf8AreNamedWithLineAndByteInEveryRecordFile() throws Exception {
    RunDirectory run = Samples.started(runs, "bytes");
    for (long i = 0; i < 3; i++) {
      run.appendMetrics(Samples.metrics("sft", i));
      run.appendRollouts(Samples.rollouts("sft", i, 2, 30));
    }
    run.appendEval(Samples.eval("sft", 3));
    run.finish(RunStatus.INTERRUPTED); // so that a resume may open it
    Path dir = run.path();
    RunRecords records = RunDirectory.openReadOnly(dir).records();

    Path metrics = dir.resolve(RunDirectory.METRICS);
    long byteAt = spoil(metrics, lineStart(metrics, 3) + 1); // inside the stage name of the second row
    fails(metrics + ":3: not UTF-8 text (byte " + byteAt + " is 0xFF), which Verity never writes; " + RESTORE,
        records::metrics);
    fails(metrics + ":3: not UTF-8 text (byte " + byteAt + " is 0xFF), which Verity never writes; " + RESTORE,
        () -> RunDirectory.open(dir));

    Path eval = dir.resolve(RunDirectory.EVAL);
    byteAt = spoil(eval, 3); // in the header, which the columns of a replay's comparison come from
    fails(eval + ":1: not UTF-8 text (byte 4 is 0xFF), which Verity never writes; " + RESTORE, records::eval);
    fails(eval + ":1: not UTF-8 text (byte 4 is 0xFF), which Verity never writes; " + RESTORE,
        () -> records.columns(RunDirectory.EVAL));

    Path rollouts = dir.resolve(RunDirectory.ROLLOUTS);
    int line4 = lineStart(rollouts, 4);
    byteAt = spoil(rollouts, line4 + 60);
    fails(rollouts + ":4: not UTF-8 text (byte " + byteAt + " is 0xFF), which Verity never writes; " + RESTORE,
        records::rollouts);

    Path manifest = dir.resolve(RunDirectory.MANIFEST);
    spoil(manifest, lineStart(manifest, 2) + 4);
    fails(manifest + ":2: not UTF-8 text (byte " + (lineStart(manifest, 2) + 5) + " is 0xFF), which Verity never"
        + " writes; " + RESTORE, () -> RunDirectory.openReadOnly(dir).manifest());

    Path source = dir.resolve(RunDirectory.SOURCE);
    Files.write(source, new byte[] {'e', 'x', '\n', (byte) 0xC3, '('});
    fails(source + ":2: not UTF-8 text (byte 4 is 0xC3), which Verity never writes; " + RESTORE,
        () -> RunDirectory.openReadOnly(dir).source());
    RunFormatException e = assertThrows(RunFormatException.class, () -> RecordedRun.read(dir)); // replay's read
    assertTrue(e.getMessage().contains(manifest + ":2: not UTF-8 text"), e.getMessage());
  }

  @Test
  void aFolderWhereAFileBelongsIsNamedAsSuch() throws Exception {
    RunDirectory run = Samples.started(runs, "folders");
    run.appendMetrics(Samples.metrics("sft", 0));
    run.finish(RunStatus.DONE);
    Path dir = run.path();
    for (String file : List.of(RunDirectory.METRICS, RunDirectory.EVAL, RunDirectory.ROLLOUTS, RunDirectory.SOURCE,
        RunDirectory.JARS)) {
      Files.deleteIfExists(dir.resolve(file));
      Files.createDirectory(dir.resolve(file));
    }
    RunDirectory read = RunDirectory.openReadOnly(dir);
    String folder = ": a folder, where the run keeps a file; " + RESTORE;
    fails(dir.resolve(RunDirectory.METRICS) + folder, () -> read.records().metrics());
    fails(dir.resolve(RunDirectory.METRICS) + folder, () -> read.records().columns(RunDirectory.METRICS));
    fails(dir.resolve(RunDirectory.EVAL) + folder, () -> read.records().eval());
    fails(dir.resolve(RunDirectory.ROLLOUTS) + folder, () -> read.records().rollouts());
    fails(dir.resolve(RunDirectory.SOURCE) + folder, read::source);
    fails(dir.resolve(RunDirectory.JARS) + folder, read::readJars);
  }

  @Test
  void jarsJsonThatIsNotJsonIsNamedWithItsLine() throws Exception {
    RunDirectory run = Samples.started(runs, "jars");
    Files.writeString(run.path().resolve(RunDirectory.JARS), "[\n  {\"path\": \n");
    RunFormatException e = assertThrows(RunFormatException.class, () -> run.readJars());
    assertTrue(e.getMessage().startsWith(run.path().resolve(RunDirectory.JARS) + ":"), e.getMessage());
    assertTrue(e.getMessage().endsWith(RESTORE), e.getMessage());
    assertFalse(e.getMessage().contains("RecordedJar"), e.getMessage());
  }

  @Test
  void aLastLineCutInsideACharacterIsNotDamageAndAResumeDropsIt() throws Exception {
    RunDirectory run = Samples.started(runs, "cut");
    run.appendMetrics(Samples.metrics("sft", 0));
    run.appendRollouts(Samples.rollouts("sft", 0, 2, 30));
    Path dir = run.path();
    run.finish(RunStatus.INTERRUPTED);
    byte[] euro = "sft€".getBytes(StandardCharsets.UTF_8); // the € is 3 bytes: keep its first
    for (String file : List.of(RunDirectory.METRICS, RunDirectory.ROLLOUTS)) {
      Files.write(dir.resolve(file), Arrays.copyOf(euro, euro.length - 2), StandardOpenOption.APPEND);
    }
    RunDirectory read = RunDirectory.openReadOnly(dir);
    assertEquals(1, read.records().metrics().size());
    assertEquals(2, read.records().rollouts().size());
    RunDirectory resumed = RunDirectory.open(dir);
    for (String file : List.of(RunDirectory.METRICS, RunDirectory.ROLLOUTS)) {
      byte[] bytes = Files.readAllBytes(dir.resolve(file));
      assertEquals('\n', bytes[bytes.length - 1], file + " ends with its last whole line");
    }
    List<StepMetrics> rows = resumed.records().metrics();
    assertEquals(List.of(Samples.metrics("sft", 0)), rows);
    assertEquals(2, resumed.records().rollouts().size());
    resumed.release();
  }
}
