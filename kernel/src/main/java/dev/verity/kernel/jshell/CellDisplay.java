package dev.verity.kernel.jshell;

import dev.verity.kernel.cell.CellOutput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where Java cells show values: JShell code calls {@link #show} (the cells' {@code display(x)}, and the kernel for a
 * cell's last expression) with its shell's key, and the value goes to the output of the cell that shell runs now.
 * Public because code compiled by JShell calls it; not part of the cells' API.
 */
public final class CellDisplay {
  private static final Map<String, CellOutput> OUTPUTS = new ConcurrentHashMap<>();

  private CellDisplay() {}

  /** Shows {@code value} below the cell that shell {@code key} runs; dropped when it runs none. */
  public static void show(String key, Object value) {
    CellOutput out = OUTPUTS.get(key);
    if (out != null) {
      out.display(value);
    }
  }

  static void attach(String key, CellOutput out) {
    OUTPUTS.put(key, out);
  }

  static void detach(String key) {
    OUTPUTS.remove(key);
  }
}
