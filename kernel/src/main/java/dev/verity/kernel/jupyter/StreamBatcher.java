package dev.verity.kernel.jupyter;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

/**
 * A cell's stream text, gathered and sent as one {@code stream} message per stream at most every {@value #EVERY_MS}
 * ms (or once {@value #MAX_CHARS} characters wait), as ipykernel does. One message per printed line flooded IOPub:
 * a Java loop printing 20,000 lines overran the socket's high-water mark, so ZeroMQ dropped half the lines and the
 * cell's {@code idle} status with them, and clients waited forever.
 */
final class StreamBatcher implements AutoCloseable {
  static final long EVERY_MS = 50;
  static final int MAX_CHARS = 64 * 1024;

  private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "verity-stream-batcher");
    t.setDaemon(true);
    return t;
  });

  private final BiConsumer<PublishStream.StreamType, String> send;
  private final Map<PublishStream.StreamType, StringBuilder> waiting = new EnumMap<>(PublishStream.StreamType.class);
  private final ScheduledFuture<?> tick;
  private PublishStream.StreamType last; // the order of the two streams is kept across a flush
  private boolean closed;

  StreamBatcher(BiConsumer<PublishStream.StreamType, String> send) {
    this.send = send;
    this.tick = TICKS.scheduleWithFixedDelay(this::flush, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
  }

  /** Queues {@code text}; text of the other stream waiting before it is sent first, so the two stay in order. */
  synchronized void add(PublishStream.StreamType type, String text) {
    if (last != null && last != type) {
      flush();
    }
    last = type;
    StringBuilder buffer = waiting.computeIfAbsent(type, t -> new StringBuilder());
    buffer.append(text);
    if (buffer.length() >= MAX_CHARS || closed) {
      flush(); // once closed no tick sends it: text printed after the cell (a background thread) goes at once
    }
  }

  /** Sends what waits: before anything else the cell publishes, and at its end. */
  synchronized void flush() {
    for (Map.Entry<PublishStream.StreamType, StringBuilder> e : waiting.entrySet()) {
      if (e.getValue().length() > 0) {
        send.accept(e.getKey(), e.getValue().toString());
        e.getValue().setLength(0);
      }
    }
  }

  /** Sends what waits and stops the ticks; text added later (a handle after the cell) is sent at once. */
  @Override
  public synchronized void close() {
    closed = true;
    tick.cancel(false);
    flush();
  }
}
