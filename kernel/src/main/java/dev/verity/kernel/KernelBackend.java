package dev.verity.kernel;

import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.magic.MagicHandler;
import dev.verity.kernel.render.Renderers;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The language behind the kernel, found with {@link ServiceLoader} (a {@code
 * META-INF/services/dev.verity.kernel.KernelBackend} file naming a class with a public no-argument constructor).
 * The DSL module provides Verity's; the kernel process has exactly one session, so each method is called once.
 */
public interface KernelBackend {

  /** Runs the cells. */
  CellEvaluator evaluator();

  /** Acts on the {@code %} magics at the top of cells ({@code %help} the kernel answers itself). */
  MagicHandler magics();

  /** How displayed values become MIME bundles; Verity's standard renderers unless the language adds its own. */
  default Renderers renderers() {
    return Renderers.standard();
  }

  /** The first backend on the class path, if any. */
  static Optional<KernelBackend> load() {
    return ServiceLoader.load(KernelBackend.class).findFirst();
  }
}
