package dev.verity.kernel.jupyter;

import dev.verity.kernel.cell.CellEvaluator;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the per-cell paths — the wire codec both ways, the language's check of a sample cell — a few hundred times
 * on a background thread at kernel start, so the JIT has compiled them before the user's first cells. Without it
 * the first hundred executes of a comment cell took about 3x as long as later ones (ANTLR and Gson interpreted),
 * which is most of what a notebook ever runs. Low priority, bounded, and it never touches the session.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  static final int ROUNDS = 400;

  private WarmUp() {}

  static void start(WireCodec codec, CellEvaluator evaluator) {
    Thread thread = new Thread(() -> run(codec, evaluator), "verity-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void run(WireCodec codec, CellEvaluator evaluator) {
    try {
      for (int i = 0; i < ROUNDS; i++) {
        Message<?> status = codec.iopub(null, PublishStatus.MESSAGE_TYPE, PublishStatus.BUSY);
        Message<?> read = codec.decode(codec.encode(status));
        codec.encode(codec.reply(read, ExecuteReply.MESSAGE_TYPE, new ExecuteReply(i, Map.of())));
        evaluator.warmUp();
      }
    } catch (BadMessage | RuntimeException | StackOverflowError e) { // only ever costs speed, never a cell
      LOG.debug("warm-up stopped: {}", e.toString());
    }
  }
}
