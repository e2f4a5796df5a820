package dev.verity.kernel.jshell;

import dev.verity.kernel.cell.CellOutput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where Java cells show values: JShell code calls {@link #show} (the cells' {@code display(x)}, and the kernel for a
 * cell's last expression) with its shell's key, and the value goes to the output of the cell that shell runs now;
 * the {@code session} variable of each shell is its {@link NotebookSession}.
 * Public because code compiled by JShell calls it; not part of the cells' API.
 */
public final class CellDisplay {
  private static final Map<String, CellOutput> OUTPUTS = new ConcurrentHashMap<>();
  private static final Map<String, NotebookSession> SESSIONS = new ConcurrentHashMap<>();

  private CellDisplay() {}

  /** Shows {@code value} below the cell that shell {@code key} runs; dropped when it runs none. */
  public static void show(String key, Object value) {
    CellOutput out = OUTPUTS.get(key);
    if (out != null) {
      out.display(value);
    }
  }

  /** The notebook session of shell {@code key}, for its {@code session} variable. */
  public static NotebookSession session(String key) {
    return SESSIONS.get(key);
  }

  static void register(String key, NotebookSession session) {
    SESSIONS.put(key, session);
  }

  static void unregister(String key) {
    SESSIONS.remove(key);
  }

  static void attach(String key, CellOutput out) {
    OUTPUTS.put(key, out);
  }

  static void detach(String key) {
    OUTPUTS.remove(key);
  }
}
