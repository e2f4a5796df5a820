package dev.verity.kernel.sweep;

/** Told when an executor starts a run and when one ends; called from the executor's threads. */
interface RunListener {
  void started(String id);

  void ended(RunEntry run);
}
