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
 * One writer per run directory: an operating-system lock on its {@value #FILE}, taken by whoever creates or
 * continues the run and released when the run ends. Two processes resuming one run (or one resuming a run that is
 * still going) would otherwise both append to its records and checkpoints. The lock goes with its process, so a
 * run whose process was killed can be resumed at once; the file holds the writer's process id for the message.
 */
final class RunLock implements AutoCloseable {
  static final String FILE = ".lock";

  private final FileChannel channel; // null: this process holds the lock already, through another handle
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the run in {@code root}.
   *
   * @throws RunBusyException when another process holds it
   */
  static RunLock acquire(Path root) throws IOException {
    Path file = root.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      // a session of this process writes it already (a notebook kernel, a test): the lock guards against others
      channel.close();
      return new RunLock(null, null);
    }
    if (lock == null) {
      String holder = holder(file);
      channel.close();
      throw new RunBusyException(holder + " is still writing it: wait for that run to end, or stop it (Ctrl-C, or"
          + " kill it), then resume");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
    channel.force(false);
    return new RunLock(channel, lock);
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
      lock.release();
      channel.close();
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
