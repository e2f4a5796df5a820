package dev.verity.dsl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where a replay's saves go, and which loads read them back. */
class SavedCopiesTest {
  final Path base = Path.of("/work/project");
  final SavedCopies copies = new SavedCopies(base, Path.of("/runs/r1/saved"));

  @Test
  void aPathInTheBaseFolderKeepsItsRelativePath() {
    assertEquals(Path.of("/runs/r1/saved/ck/policy"), copies.saveTarget(base.resolve("ck/policy")));
    assertEquals(Path.of("/runs/r1/saved/ck/policy"), copies.loadSource(base.resolve("ck/policy")), "read back");
  }

  @Test
  void aPathOutsideKeepsItsFileNameAndALoadOfAnythingElseReadsThePathItself() {
    assertEquals(Path.of("/runs/r1/saved/p"), copies.saveTarget(Path.of("/tmp/x/p")));
    assertEquals(Path.of("/work/old.ckpt"), copies.loadSource(Path.of("/work/old.ckpt")), "saved before the run");
  }

  @Test
  void twoOutsidePathsWithOneFileNameAreRefused() {
    copies.saveTarget(Path.of("/tmp/a/p"));
    assertEquals(Path.of("/runs/r1/saved/p"), copies.saveTarget(Path.of("/tmp/a/p")), "the same path again");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> copies.saveTarget(Path.of("/tmp/b/p")));
    assertTrue(e.getMessage().contains("/tmp/a/p already went to /runs/r1/saved/p"), e.getMessage());
  }
}
