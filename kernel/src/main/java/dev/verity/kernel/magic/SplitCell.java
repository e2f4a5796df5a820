package dev.verity.kernel.magic;

import java.util.List;

/** A cell split by {@link Magics#split}: its magics, and its code with a blank line where each magic was. */
public record SplitCell(List<Magic> magics, String code) {
  public SplitCell {
    magics = List.copyOf(magics);
  }
}
