package dev.verity.kernel.jshell;

import dev.verity.kernel.cell.CellOutput;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * {@code System.out} and {@code System.err} of a Java cell: JShell runs cells in the kernel's process, so while a
 * cell runs the process's streams print to the cell's output streams, and are put back after it.
 */
final class CellStreams implements AutoCloseable {
  private final PrintStream savedOut = System.out;
  private final PrintStream savedErr = System.err;
  private final PrintStream out;
  private final PrintStream err;

  private CellStreams(CellOutput cell) {
    out = new PrintStream(new Forward(cell::print), true, StandardCharsets.UTF_8);
    err = new PrintStream(new Forward(cell::printError), true, StandardCharsets.UTF_8);
    System.setOut(out);
    System.setErr(err);
  }

  /** Sends the process's standard streams to {@code cell} until closed. */
  static CellStreams to(CellOutput cell) {
    return new CellStreams(cell);
  }

  @Override
  public void close() {
    out.flush();
    err.flush();
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  /** Bytes collected until a flush (PrintStream flushes whole strings and lines), then printed as UTF-8 text. */
  private static final class Forward extends OutputStream {
    private final Consumer<String> sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Forward(Consumer<String> sink) {
      this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
      pending.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
      if (pending.size() > 0) {
        sink.accept(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      }
    }
  }
}
