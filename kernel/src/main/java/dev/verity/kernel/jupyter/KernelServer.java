package dev.verity.kernel.jupyter;

import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.magic.MagicHandler;
import dev.verity.kernel.render.Renderers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;

/**
 * The kernel's five ZeroMQ sockets, bound to the connection file's address only, each served by its own thread
 * that blocks until a message arrives (jjava's loop sleeps 50 ms between polls); stdin's drops what it reads.
 * Shell and control have separate threads, so an interrupt is answered while a cell runs. A message that fails
 * its signature or cannot be read is dropped and logged; the loop goes on.
 */
public final class KernelServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KernelServer.class);
  /** How long an idle loop waits before it looks at the stop flag; an arriving message wakes it at once. */
  private static final int WAKE_MS = 250;
  private static final int LINGER_MS = 1000;
  private static final long JOIN_MS = 2000;
  /** How long closing ZeroMQ may take: it waits for its own threads, which never answer if one of them died. */
  private static final long CLOSE_MS = 5000;
  /** The process's exit status when a thread it needs has died ({@link #died}). */
  public static final int THREAD_DIED = 3;

  private final ZMQ.Context context = ZMQ.context(1);
  private final WireCodec codec;
  private final Object iopubLock = new Object();
  private final ZMQ.Socket iopub;
  private final ZMQ.Socket stdin;
  private final List<Thread> loops = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private boolean iopubClosed; // guarded by iopubLock: a display handle may publish after shutdown

  private KernelServer(WireCodec codec) {
    this.codec = codec;
    context.setUncaughtExceptionHandler(KernelServer::died); // before the first socket starts ZeroMQ's threads
    this.iopub = context.socket(SocketType.PUB);
    this.stdin = context.socket(SocketType.ROUTER); // bound for clients that connect to it; input is not asked for,
                                                    // so what arrives is read and dropped
  }

  /** Binds all sockets and starts serving {@code evaluator}; a port in use fails here, before any thread starts. */
  public static KernelServer start(ConnectionFile file, CellEvaluator evaluator, MagicHandler magics,
      Renderers renderers, String version) {
    KernelServer server = new KernelServer(WireCodec.of(file));
    JupyterKernel kernel = new JupyterKernel(evaluator, magics, renderers, server.codec, version, server::stop);
    ZMQ.Socket shell = server.context.socket(SocketType.ROUTER);
    ZMQ.Socket control = server.context.socket(SocketType.ROUTER);
    ZMQ.Socket heartbeat = server.context.socket(SocketType.ROUTER);
    try {
      server.bind(shell, file, file.shellPort());
      server.bind(control, file, file.controlPort());
      server.bind(heartbeat, file, file.heartbeatPort());
      server.bind(server.iopub, file, file.iopubPort());
      server.bind(server.stdin, file, file.stdinPort());
    } catch (RuntimeException e) {
      // the context's close waits for every socket it made to close: without this a port in use hung here
      for (ZMQ.Socket socket : List.of(shell, control, heartbeat, server.iopub, server.stdin)) {
        socket.setLinger(0);
        socket.close();
      }
      server.context.close();
      throw e;
    }
    server.loops.add(server.serve("shell", shell, kernel));
    server.loops.add(server.serve("control", control, kernel));
    server.loops.add(server.echo(heartbeat));
    server.loops.add(server.drain(server.stdin));
    server.loops.forEach(Thread::start);
    WarmUp.start(server.codec, evaluator);
    kernel.announceStart(new Outbox() {
      @Override
      public void reply(Message<?> message) {
        throw new IllegalStateException("nothing to reply to at start");
      }

      @Override
      public void publish(Message<?> message) {
        server.publish(message);
      }
    });
    return server;
  }

  /** Asks the loops to end (after a shutdown request, or when the parent process died). */
  public void stop() {
    running = false;
    stopped.countDown();
  }

  /** Blocks until {@link #stop} is called. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops, waits for the loops to close their sockets, then closes the rest and the ZeroMQ context. */
  @Override
  public void close() {
    stop();
    boolean allEnded = true;
    for (Thread loop : loops) {
      try {
        loop.join(JOIN_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      allEnded &= !loop.isAlive();
    }
    synchronized (iopubLock) {
      iopubClosed = true;
      iopub.close();
    }
    if (allEnded) {
      // waits for sockets to close and flush, so only when every loop has closed its own; and not for ever
      Thread closing = new Thread(context::close, "verity-closing"); // no handler that exits: it may fail
      closing.setDaemon(true);
      closing.start();
      try {
        closing.join(CLOSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (closing.isAlive()) {
        LOG.warn("ZeroMQ did not close within {} ms; leaving without it", CLOSE_MS);
      }
    } else {
      LOG.warn("a loop is still busy (a cell that ignores interrupts); leaving without closing ZeroMQ cleanly");
    }
  }

  private void bind(ZMQ.Socket socket, ConnectionFile file, int port) {
    String endpoint = file.endpoint(port);
    socket.setLinger(LINGER_MS);
    socket.setIPv6(file.ip().contains(":"));
    try {
      socket.bind(endpoint);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot bind " + endpoint + ": " + e.getMessage(), e);
    }
    LOG.debug("bound {}", endpoint);
  }

  private Thread serve(String name, ZMQ.Socket socket, JupyterKernel kernel) {
    Outbox out = new Outbox() {
      @Override
      public void reply(Message<?> message) {
        send(socket, codec.encode(message));
      }

      @Override
      public void publish(Message<?> message) {
        KernelServer.this.publish(message);
      }
    };
    return loop(name, socket, frames -> answer(name, frames, kernel, out));
  }

  /**
   * A thread that hands each message arriving on {@code socket} to {@code handle} until the kernel stops. A socket
   * error or a full heap (a Java cell filled it) costs the message in hand, never the channel: a channel whose
   * thread died would leave the kernel alive but deaf.
   */
  private Thread loop(String name, ZMQ.Socket socket, Consumer<ZMsg> handle) {
    return daemon(name, () -> {
      socket.setReceiveTimeOut(WAKE_MS);
      try {
        while (running) {
          try {
            ZMsg frames = ZMsg.recvMsg(socket);
            if (frames != null) {
              handle.accept(frames);
            }
          } catch (ZMQException e) {
            LOG.warn("{}: {}", name, e.getMessage());
          } catch (OutOfMemoryError e) {
            survive(name, e);
          }
        }
      } finally {
        socket.close();
      }
    });
  }

  /** After an allocation failed on a channel's thread: waits for the heap to be freed, then serves on. */
  private static void survive(String channel, OutOfMemoryError e) {
    try {
      Thread.sleep(WAKE_MS);
      LOG.error("{}: a message was lost: {}", channel, e.toString());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (OutOfMemoryError stillFull) {
      // nothing can be logged yet; the loop tries again
    }
  }

  private void answer(String channel, ZMsg frames, JupyterKernel kernel, Outbox out) {
    List<byte[]> raw = new ArrayList<>(frames.size());
    for (ZFrame frame : frames) {
      raw.add(frame.getData());
    }
    frames.destroy();
    Message<?> message;
    try {
      message = codec.decode(raw);
    } catch (BadMessage e) {
      LOG.warn("dropped a message on {}: {}", channel, e.getMessage());
      return;
    }
    try {
      kernel.handle(message, out);
    } catch (Throwable t) { // whatever happens answering one message, the channel keeps serving
      LOG.error("failed answering a {} message on {}", message.getHeader().getType(), channel, t);
    }
  }

  /**
   * Echoes each heartbeat whole, routing id included, on a ROUTER socket as ipykernel does: unlike REP it has no
   * request/reply state that a malformed ping could leave stuck (a ping of several frames read one at a time once
   * left a REP unable to send, which killed the loop). Nothing a client sends stops the heartbeat: Jupyter would
   * take the kernel for dead and restart it.
   */
  private Thread echo(ZMQ.Socket heartbeat) {
    return loop("heartbeat", heartbeat, ping -> ping.send(heartbeat));
  }

  /**
   * Reads and drops what arrives on stdin: this kernel never asks for input, and unread messages would queue in
   * memory (up to ZeroMQ's high-water mark per connection) for as long as the kernel lives.
   */
  private Thread drain(ZMQ.Socket socket) {
    return loop("stdin", socket, ZMsg::destroy);
  }

  private void publish(Message<?> message) {
    List<byte[]> frames = codec.encode(message);
    synchronized (iopubLock) { // a PUB socket is not thread-safe; shell, control and cell threads all publish
      if (!iopubClosed) {
        send(iopub, frames);
      }
    }
  }

  private static void send(ZMQ.Socket socket, List<byte[]> frames) {
    for (int i = 0; i < frames.size() - 1; i++) {
      socket.sendMore(frames.get(i));
    }
    socket.send(frames.get(frames.size() - 1));
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, "verity-" + name);
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(KernelServer::died);
    return thread;
  }

  /**
   * A thread the kernel cannot do without (a channel's, or one of ZeroMQ's) has died. Alive but deaf is worse than
   * gone: Jupyter sees a kernel that exits and offers to restart it, but waits forever on one that never answers.
   */
  private static void died(Thread thread, Throwable error) {
    try {
      System.err.println("verity kernel: its thread " + thread.getName() + " died (" + error + "); the kernel can no"
          + " longer answer Jupyter and exits (status " + THREAD_DIED + "): restart it");
      LOG.error("thread {} died", thread.getName(), error);
    } finally {
      Runtime.getRuntime().halt(THREAD_DIED); // not exit: a shutdown hook could wait on what no longer answers
    }
  }
}
