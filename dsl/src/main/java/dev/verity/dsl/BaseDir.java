package dev.verity.dsl;

import java.nio.file.Path;

/**
 * The folder relative paths in a source resolve against, and how it was chosen — said in every error about a
 * missing file, because a replay's folder is not the one the user sees the source in (its run directory), so
 * the error must name the folder searched and how to pick another.
 *
 * @param folder an absolute folder
 * @param note why paths resolve there, as the parenthesis after a missing file
 */
public record BaseDir(Path folder, String note) {
  public BaseDir {
    folder = folder.toAbsolutePath().normalize();
  }

  /** A file's (or a notebook's) own folder: what {@code verity run FILE} and a notebook use. */
  public static BaseDir fileFolder(Path folder) {
    return new BaseDir(folder, "paths are relative to the file's folder");
  }

  /**
   * Whether this is not the file's own folder (a replay's or a resume's), so that an error naming an absolute
   * path should still say how the folder was chosen.
   */
  public boolean isElsewhere() {
    return !note.equals(fileFolder(folder).note());
  }
}
