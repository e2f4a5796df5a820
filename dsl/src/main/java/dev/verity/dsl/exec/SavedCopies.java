package dev.verity.dsl.exec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a replay's {@code save} statements write instead of the paths they name: under the replay's own run
 * directory, so rerunning someone's run never overwrites a checkpoint of theirs (or of the person replaying).
 * A path inside the base folder keeps its relative path ({@code ck/policy} → {@code saved/ck/policy}); one
 * outside it (absolute, or climbing out with {@code ..}) keeps only its file name ({@code /tmp/p} →
 * {@code saved/p}). A {@code load} of a path this replay saved reads the copy back; any other load reads the
 * path itself, as the recorded run did.
 */
final class SavedCopies {
  private final Path baseDir;
  private final Path folder;
  private final Map<Path, Path> copies = new HashMap<>();

  /** @param folder the replay's {@code saved/} folder; both absolute */
  SavedCopies(Path baseDir, Path folder) {
    this.baseDir = baseDir;
    this.folder = folder.toAbsolutePath().normalize();
  }

  /** Where a save to {@code path} (absolute, as the checker resolved it) writes. */
  Path saveTarget(Path path) {
    Path copy = copies.get(path);
    if (copy != null) {
      return copy;
    }
    copy = folder.resolve(path.startsWith(baseDir) ? baseDir.relativize(path) : path.getFileName());
    for (Map.Entry<Path, Path> taken : copies.entrySet()) {
      if (taken.getValue().equals(copy)) { // two paths outside the base folder with one file name
        throw new IllegalStateException("the replay keeps its saves in " + folder + ", where " + taken.getKey()
            + " already went to " + copy + ": it cannot also keep " + path + " there");
      }
    }
    copies.put(path, copy);
    return copy;
  }

  /** Where a load of {@code path} reads: this replay's copy when it saved one, else the path itself. */
  Path loadSource(Path path) {
    return copies.getOrDefault(path, path);
  }
}
