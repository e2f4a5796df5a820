package dev.verity.kernel.jshell;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the DSL gets a class of the Java cells: the kernel has JShell run {@code CellClasses.found(key, Name.class)},
 * which JShell compiles against the cells' declarations and {@code %classpath}, and takes the class here.
 * Public because code compiled by JShell calls it; not part of the cells' API.
 */
public final class CellClasses {
  private static final Map<String, Class<?>> FOUND = new ConcurrentHashMap<>();

  private CellClasses() {}

  /** Hands {@code c} to the lookup waiting under {@code key}. */
  public static void found(String key, Class<?> c) {
    FOUND.put(key, c);
  }

  /** The class found under {@code key}, removed. */
  static Optional<Class<?>> take(String key) {
    return Optional.ofNullable(FOUND.remove(key));
  }
}
