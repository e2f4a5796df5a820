package dev.verity.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writtenFilesGetTheModeOfAnyNewFileNotThePrivateModeOfATempFile() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(dir.resolve("plain")); // honours the umask, whatever it is here
    Path atomic = dir.resolve("atomic");
    AtomicFiles.writeString(atomic, "text");
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    assertEquals("text", Files.readString(atomic));
    try (var left = Files.list(dir)) {
      assertEquals(2, left.count(), "no temp file is left behind");
    }
  }
}
