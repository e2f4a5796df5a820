package dev.verity.kernel.magic;

import java.util.List;

/**
 * A cell split by {@link Magics#split}: its magics, each with the line it was written on, and its code with a blank
 * line where each magic was.
 */
public record SplitCell(List<Written> written, String code) {
  public SplitCell {
    written = List.copyOf(written);
  }

  /** A magic and where it stands: the cell's label, its line's index (from 0) and text, as the user wrote it. */
  public record Written(Magic magic, String label, int index, String line) {}

  /** The magics, in order. */
  public List<Magic> magics() {
    return written.stream().map(Written::magic).toList();
  }
}
