package dev.verity.kernel.magic;

import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellOutput;

/** Acts on the magics of a cell, in order, before its code runs. The DSL session implements it. */
@FunctionalInterface
public interface MagicHandler {
  void handle(Magic magic, CellOutput out) throws CellError;
}
