package dev.verity.kernel.cell;

/** A value shown by {@link CellOutput#display}: updating it replaces it in place, such as a live chart. */
@FunctionalInterface
public interface DisplayHandle {
  void update(Object value);
}
