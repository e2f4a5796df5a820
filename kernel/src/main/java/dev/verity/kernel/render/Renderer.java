package dev.verity.kernel.render;

/** Renders values of one type to a {@link MimeBundle}. */
@FunctionalInterface
public interface Renderer<T> {
  MimeBundle render(T value);
}
