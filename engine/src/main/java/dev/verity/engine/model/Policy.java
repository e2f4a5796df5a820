package dev.verity.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.verity.engine.tokenizer.CharTokenizer;

/**
 * A language-model policy: its shape, tokenizer and weights, on one device. Arrays created while using it
 * belong to step managers from {@link #newStepManager()}, closed after each step.
 */
public final class Policy implements AutoCloseable {
  private final NDManager root;
  private final ModelSpec spec;
  private final CharTokenizer tokenizer;
  private final Parameters weights;
  private final Transformer transformer;

  private Policy(NDManager root, ModelSpec spec, CharTokenizer tokenizer, Parameters weights) {
    this.root = root;
    this.spec = spec;
    this.tokenizer = tokenizer;
    this.weights = weights;
    this.transformer = new Transformer(spec, weights);
  }

  /** A freshly initialised policy; equal seeds give bit-identical weights. */
  public static Policy initialise(ModelSpec spec, CharTokenizer tokenizer, long seed, Device device) {
    NDManager root = NDManager.newBaseManager(device);
    return new Policy(root, spec, tokenizer, Parameters.initialise(spec, tokenizer.vocabSize(), seed, root));
  }

  /** A policy around weights read from a checkpoint. */
  public static Policy of(ModelSpec spec, CharTokenizer tokenizer, NDManager root, Parameters weights) {
    return new Policy(root, spec, tokenizer, weights);
  }

  /** An independent copy (e.g. the frozen reference of an RL stage, or {@code copy(policy)} in the DSL). */
  public Policy copy() {
    NDManager copyRoot = NDManager.newBaseManager(root.getDevice());
    return new Policy(copyRoot, spec, tokenizer, weights.copy(copyRoot));
  }

  public ModelSpec spec() {
    return spec;
  }

  public CharTokenizer tokenizer() {
    return tokenizer;
  }

  public Parameters weights() {
    return weights;
  }

  public Transformer transformer() {
    return transformer;
  }

  public Device device() {
    return root.getDevice();
  }

  /** A manager for one step's arrays; close it when the step ends. */
  public NDManager newStepManager() {
    return root.newSubManager();
  }

  @Override
  public void close() {
    root.close();
  }
}
