package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A class of Verity's gone because the jar was rebuilt under the process is said to be that, not a bug. */
class RebuiltJarTest {
  private static final Path JAR = Path.of("/repo/kernel/target/verity.jar");
  private static final Instant STARTED = Instant.parse("2026-12-07T03:56:00Z");
  private static final Instant REBUILT = Instant.parse("2026-12-07T04:01:00Z");

  @Test
  void aMissingVerityClassAfterARebuildSaysResumeWithTheNewBuild() {
    Optional<String> said = RebuiltJar.explain(
        new NoClassDefFoundError("dev/verity/kernel/cli/HeadlessRun$ManifestChange"), JAR, REBUILT, STARTED);
    assertTrue(said.orElseThrow().startsWith("the jar this process runs from, " + JAR + ", was rebuilt while it"
        + " ran"), said.toString());
    assertTrue(said.orElseThrow().contains("`verity run --resume DIR`"), said.toString());
    Throwable wrapped = new IllegalStateException("stage failed", new ClassNotFoundException("dev.verity.x.Y"));
    assertTrue(RebuiltJar.explain(wrapped, JAR, REBUILT, STARTED).isPresent(), "found among the causes");
  }

  @Test
  void otherwiseItIsLeftToTheInternalErrorLine() {
    NoClassDefFoundError ours = new NoClassDefFoundError("dev/verity/kernel/cli/HeadlessRun$ManifestChange");
    assertEquals(Optional.empty(), RebuiltJar.explain(ours, JAR, STARTED.minusSeconds(60), STARTED),
        "a jar older than the process: a real missing class");
    assertEquals(Optional.empty(), RebuiltJar.explain(new NoClassDefFoundError("org/other/Thing"), JAR, REBUILT,
        STARTED), "another library's class");
    assertEquals(Optional.empty(), RebuiltJar.explain(new IllegalStateException("x"), JAR, REBUILT, STARTED));
    assertEquals(Optional.empty(), RebuiltJar.explain(ours), "in tests the classes come from a folder");
  }
}
