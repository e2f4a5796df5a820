package dev.verity.engine.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.model.Parameters;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.AdamW;
import dev.verity.engine.tokenizer.CharTokenizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A policy's weights with everything needed to continue exactly where it stopped: model spec, tokenizer,
 * the stage's coordinates (seed, stage, next step; every random stream derives from them, so they are the
 * whole random state), the optimiser's moments, the frozen reference of an RL stage, and trainer state.
 * Written atomically; loading gives the same outputs bit for bit.
 */
public record Checkpoint(
    ModelSpec spec,
    String alphabet,
    long seed,
    String stage,
    int stageIndex,
    long step,
    Optional<byte[]> optimizerState,
    Optional<byte[]> trainerState) {

  private static final String MAGIC = "verity-checkpoint";
  private static final int VERSION = 1;

  /** Writes {@code policy} (and optionally optimiser state, reference policy and trainer state) to {@code file}. */
  public static void save(
      Path file, Policy policy, Checkpoint meta, AdamW optimizer, Policy reference, byte[] trainerState)
      throws IOException {
    AtomicFiles.write(
        file,
        raw -> {
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
          out.writeUTF(MAGIC);
          out.writeInt(VERSION);
          ModelSpec s = policy.spec();
          out.writeInt(s.layers());
          out.writeInt(s.heads());
          out.writeInt(s.dim());
          out.writeInt(s.context());
          out.writeUTF(policy.tokenizer().alphabet());
          out.writeLong(meta.seed());
          out.writeUTF(meta.stage());
          out.writeInt(meta.stageIndex());
          out.writeLong(meta.step());
          policy.weights().write(out);
          writeBlob(out, optimizer == null ? null : bytesOf(optimizer));
          out.writeBoolean(reference != null);
          if (reference != null) {
            reference.weights().write(out);
          }
          writeBlob(out, trainerState);
          out.flush();
        });
  }

  /** The coordinates of a checkpoint taken by a stage at {@code step}. */
  public static Checkpoint at(long seed, String stage, int stageIndex, long step) {
    return new Checkpoint(null, null, seed, stage, stageIndex, step, Optional.empty(), Optional.empty());
  }

  /** What {@link #load} returns: the metadata, the policy, and the reference policy when one was saved. */
  public record Loaded(Checkpoint meta, Policy policy, Optional<Policy> reference) {}

  public static Loaded load(Path file, Device device) throws IOException {
    try (InputStream raw = Files.newInputStream(file)) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
      if (!MAGIC.equals(readMagic(in))) {
        throw new IOException(file + " is not a Verity checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + " is a checkpoint of version " + version + "; this Verity reads " + VERSION);
      }
      ModelSpec spec = new ModelSpec(in.readInt(), in.readInt(), in.readInt(), in.readInt());
      CharTokenizer tokenizer = CharTokenizer.of(in.readUTF());
      long seed = in.readLong();
      String stage = in.readUTF();
      int stageIndex = in.readInt();
      long step = in.readLong();
      Policy policy = readPolicy(in, spec, tokenizer, device);
      try {
        Optional<byte[]> optimizer = readBlob(in);
        Optional<Policy> reference =
            in.readBoolean() ? Optional.of(readPolicy(in, spec, tokenizer, device)) : Optional.empty();
        Optional<byte[]> trainer = readBlob(in);
        Checkpoint meta =
            new Checkpoint(spec, tokenizer.alphabet(), seed, stage, stageIndex, step, optimizer, trainer);
        return new Loaded(meta, policy, reference);
      } catch (IOException | RuntimeException e) {
        policy.close();
        throw e;
      }
    }
  }

  private static Policy readPolicy(DataInputStream in, ModelSpec spec, CharTokenizer tokenizer, Device device)
      throws IOException {
    NDManager root = NDManager.newBaseManager(device);
    try {
      return Policy.of(spec, tokenizer, root, Parameters.read(in, spec, tokenizer.vocabSize(), root));
    } catch (IOException | RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private static String readMagic(DataInputStream in) {
    try {
      return in.readUTF();
    } catch (IOException e) {
      return "";
    }
  }

  private static byte[] bytesOf(AdamW optimizer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    optimizer.write(out);
    out.flush();
    return bytes.toByteArray();
  }

  private static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
    out.writeInt(blob == null ? -1 : blob.length);
    if (blob != null) {
      out.write(blob);
    }
  }

  private static Optional<byte[]> readBlob(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return Optional.empty();
    }
    byte[] blob = new byte[n];
    in.readFully(blob);
    return Optional.of(blob);
  }

  /** Restores optimiser moments saved in this checkpoint into {@code optimizer}. */
  public void restoreOptimizer(AdamW optimizer) throws IOException {
    if (optimizerState.isPresent()) {
      optimizer.read(new DataInputStream(new java.io.ByteArrayInputStream(optimizerState.get())));
    }
  }
}
