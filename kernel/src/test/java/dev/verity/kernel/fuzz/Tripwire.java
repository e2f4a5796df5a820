package dev.verity.kernel.fuzz;

import dev.verity.kernel.KernelBackend;
import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.Completions;
import dev.verity.kernel.cell.HelpText;
import dev.verity.kernel.cell.IsComplete;
import dev.verity.kernel.magic.MagicHandler;
import dev.verity.kernel.render.Renderers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A backend whose evaluator passes every call on and keeps what escaped from it: the kernel answers a failing
 * completion with "nothing" and only logs it, so the fuzzer would not see the exception otherwise.
 */
final class Tripwire implements KernelBackend, CellEvaluator {
  private final KernelBackend backend;
  private final CellEvaluator inner;
  private final List<Throwable> escaped = new ArrayList<>();

  Tripwire(KernelBackend backend) {
    this.backend = backend;
    this.inner = backend.evaluator();
  }

  /** What escaped since the last call, cleared. */
  List<Throwable> takeEscaped() {
    List<Throwable> taken = List.copyOf(escaped);
    escaped.clear();
    return taken;
  }

  @Override
  public CellEvaluator evaluator() {
    return this;
  }

  @Override
  public MagicHandler magics() {
    return backend.magics();
  }

  @Override
  public Renderers renderers() {
    return backend.renderers();
  }

  @Override
  public void evaluate(String code, CellOutput out) throws CellError {
    evaluate(code, 0, out);
  }

  @Override
  public void evaluate(String code, int executionCount, CellOutput out) throws CellError {
    try {
      inner.evaluate(code, executionCount, out);
    } catch (RuntimeException | Error e) {
      escaped.add(e);
      throw e;
    }
  }

  @Override
  public void interrupt() {
    inner.interrupt();
  }

  @Override
  public Completions complete(String code, int cursor) {
    return watch(() -> inner.complete(code, cursor));
  }

  @Override
  public Optional<HelpText> inspect(String code, int cursor) {
    return watch(() -> inner.inspect(code, cursor));
  }

  @Override
  public IsComplete isComplete(String code) {
    return watch(() -> inner.isComplete(code));
  }

  @Override
  public void close() {
    inner.close();
  }

  private <T> T watch(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException | Error e) {
      escaped.add(e);
      throw e;
    }
  }
}
