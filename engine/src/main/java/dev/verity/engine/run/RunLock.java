package dev.verity.engine.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per run directory: an operating-system lock taken by whoever creates or continues the run and
 * released when the run ends. Two processes resuming one run (or one resuming a run that is still going) would
 * otherwise both append to its records and checkpoints. The lock goes with its process, so a run whose process was
 * killed can be resumed at once; its file holds the writer's process id for the message.
 *
 * <p>The lock file is not in the run directory but in the machine's temporary folder, named after the run's real
 * path: a file held open for writing on the run's disk all run long would keep that disk from being remounted, and
 * the lock only needs to be seen by the processes of this machine.
 */
final class RunLock implements AutoCloseable {
  /**
   * The lock files this process holds. A second handle must not open the file again: on Linux, closing any channel
   * to a file drops every lock the process holds on it, whichever channel took it.
   */
  private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel; // null: this process holds the lock already, through another handle
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the run in {@code root}.
   *
   * @throws RunBusyException when another process holds it
   */
  static RunLock acquire(Path root) throws IOException {
    Path file = file(root);
    if (!HELD.add(file)) {
      // a session of this process writes it already (a notebook kernel, a test): the lock guards against others
      return new RunLock(file, null, null);
    }
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException | IOException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        String holder = holder(file);
        channel.close();
        throw new RunBusyException(holder + " is still writing it: wait for that run to end, or stop it (Ctrl-C,"
            + " or kill it), then resume");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      channel.force(false);
      return new RunLock(file, channel, lock);
    } catch (IOException | RuntimeException e) {
      HELD.remove(file);
      throw e;
    }
  }

  /** {@code <tmp>/verity-runs-<user>/<hash of the run's real path>.lock}. */
  static Path file(Path root) throws IOException {
    String path = root.toRealPath().toString();
    String hash = SourceRecord.sha256(path).substring(0, 32);
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "verity-runs-" + user, hash + ".lock");
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return pid.matches("\\d{1,19}") ? "process " + pid : "another process";
    } catch (IOException unreadable) {
      return "another process";
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      try {
        lock.release();
        channel.close();
      } finally {
        HELD.remove(file);
      }
    }
  }

  /** Another process writes the run. */
  static final class RunBusyException extends IOException {
    private static final long serialVersionUID = 1L;

    RunBusyException(String message) {
      super(message);
    }
  }
}
