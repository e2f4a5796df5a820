package dev.verity.kernel.jupyter;

import dev.verity.kernel.cell.CellRunner;
import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.cell.Completions;
import dev.verity.kernel.cell.HelpText;
import dev.verity.kernel.cell.IsComplete;
import dev.verity.kernel.magic.MagicHandler;
import dev.verity.kernel.render.Renderers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;
import org.dflib.jjava.jupyter.messages.reply.CompleteReply;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.InspectReply;
import org.dflib.jjava.jupyter.messages.reply.InterruptReply;
import org.dflib.jjava.jupyter.messages.reply.IsCompleteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.reply.ShutdownReply;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verity's answers to Jupyter requests, on jjava's message classes, without sockets: the server feeds it decoded
 * messages, tests feed it directly. Shell requests arrive on one thread, one at a time; control requests
 * (interrupt, shutdown) on another, so they are answered while a cell runs.
 */
public final class JupyterKernel {
  private static final Logger LOG = LoggerFactory.getLogger(JupyterKernel.class);

  @FunctionalInterface
  private interface Handler {
    void handle(Message<?> request, Outbox out);
  }

  private final CellEvaluator evaluator;
  private final CellRunner runner;
  private final Renderers renderers;
  private final WireCodec codec;
  private final String version;
  private final Runnable onShutdown;
  private final Map<MessageType<?>, Handler> handlers = new HashMap<>();
  private final AtomicInteger executionCount = new AtomicInteger();
  private volatile boolean executing;

  JupyterKernel(CellEvaluator evaluator, MagicHandler magics, Renderers renderers, WireCodec codec,
      String version, Runnable onShutdown) {
    this.evaluator = evaluator;
    this.runner = new CellRunner(evaluator, magics);
    this.renderers = renderers;
    this.codec = codec;
    this.version = version;
    this.onShutdown = onShutdown;
    handlers.put(MessageType.KERNEL_INFO_REQUEST, this::kernelInfo);
    handlers.put(MessageType.EXECUTE_REQUEST, this::execute);
    handlers.put(MessageType.COMPLETE_REQUEST, this::complete);
    handlers.put(MessageType.INSPECT_REQUEST, this::inspect);
    handlers.put(MessageType.IS_COMPLETE_REQUEST, this::isComplete);
    handlers.put(MessageType.HISTORY_REQUEST, this::history);
    handlers.put(MessageType.COMM_INFO_REQUEST, this::commInfo);
    handlers.put(MessageType.INTERRUPT_REQUEST, this::interrupt);
    handlers.put(MessageType.SHUTDOWN_REQUEST, this::shutdown);
  }

  WireCodec codec() {
    return codec;
  }

  /** Answers one request between busy and idle; a failing handler still answers, with an error reply. */
  void handle(Message<?> request, Outbox out) {
    MessageType<?> type = request.getHeader().getType();
    Handler handler = handlers.get(type);
    if (handler == null) {
      LOG.debug("ignoring a {} message", type.getName());
      return;
    }
    out.publish(codec.iopub(request, PublishStatus.MESSAGE_TYPE, PublishStatus.BUSY));
    try {
      handler.handle(request, out);
    } catch (RuntimeException | Error bug) { // a stack overflow included: the client gets a reply, never silence
      LOG.error("could not answer a {} message", type.getName(), bug);
      replyError(request, out, "InternalError", "internal error: " + bug, List.of("internal error: " + bug));
    } finally {
      out.publish(codec.iopub(request, PublishStatus.MESSAGE_TYPE, PublishStatus.IDLE));
    }
  }

  /** Publishes the {@code starting} status, the first thing a kernel says on IOPub. */
  void announceStart(Outbox out) {
    out.publish(codec.iopub(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
  }

  private void kernelInfo(Message<?> request, Outbox out) {
    LanguageInfo language = new LanguageInfo.Builder("verity").version(version).mimetype("text/x-verity")
        .fileExtension(".verity").codemirror("verity").build();
    String banner = "Verity " + version + ": reinforcement learning with verifiable rewards";
    out.reply(codec.reply(request, KernelInfoReply.MESSAGE_TYPE,
        new KernelInfoReply(WireCodec.PROTOCOL_VERSION, "verity", version, language, banner, List.of())));
  }

  private void execute(Message<?> message, Outbox out) {
    ExecuteRequest request = (ExecuteRequest) message.getContent();
    String code = request.getCode() == null ? "" : request.getCode();
    boolean counted = !request.isSilent() && request.shouldStoreHistory();
    int count = counted ? executionCount.incrementAndGet() : executionCount.get();
    if (!request.isSilent()) {
      out.publish(codec.iopub(message, PublishExecuteInput.MESSAGE_TYPE, new PublishExecuteInput(code, count)));
    }
    executing = true;
    JupyterCellOutput output = new JupyterCellOutput(message, out, codec, renderers);
    try {
      runner.run(code, count, output);
      output.close(); // the cell's last text goes out before its reply and idle status
      out.reply(codec.reply(message, ExecuteReply.MESSAGE_TYPE, new ExecuteReply(count, Map.of())));
    } catch (CellError e) {
      output.close();
      out.publish(codec.iopub(message, PublishError.MESSAGE_TYPE,
          new PublishError(e.name(), e.getMessage(), e.traceback())));
      ErrorReply reply = new ErrorReply(e.name(), e.getMessage(), e.traceback());
      reply.setExecutionCount(count);
      out.reply(codec.reply(message, ExecuteReply.MESSAGE_TYPE.error(), reply));
    } finally {
      output.close();
      executing = false;
    }
  }

  private void complete(Message<?> message, Outbox out) {
    CompleteRequest request = (CompleteRequest) message.getContent();
    String code = request.getCode() == null ? "" : request.getCode();
    int cursor = Cursors.toChars(code, request.getCursorPos());
    Completions found = ask("complete", () -> evaluator.complete(code, cursor), Completions.none(cursor));
    out.reply(codec.reply(message, CompleteReply.MESSAGE_TYPE, new CompleteReply(found.matches(),
        Cursors.toCodePoints(code, found.start()), Cursors.toCodePoints(code, found.end()), Map.of())));
  }

  private void inspect(Message<?> message, Outbox out) {
    InspectRequest request = (InspectRequest) message.getContent();
    String code = request.getCode() == null ? "" : request.getCode();
    int cursor = Cursors.toChars(code, request.getCursorPos());
    Optional<HelpText> found = ask("inspect", () -> evaluator.inspect(code, cursor), Optional.empty());
    DisplayData data = new DisplayData();
    found.ifPresent(inspection -> data.putText(inspection.text()));
    out.reply(codec.reply(message, InspectReply.MESSAGE_TYPE, new InspectReply(found.isPresent(), data)));
  }

  private void isComplete(Message<?> message, Outbox out) {
    IsCompleteRequest request = (IsCompleteRequest) message.getContent();
    String code = request.getCode() == null ? "" : request.getCode();
    IsComplete answer = ask("is_complete", () -> evaluator.isComplete(code), IsComplete.UNKNOWN);
    IsCompleteReply reply = switch (answer.status()) {
      case COMPLETE -> IsCompleteReply.VALID_CODE;
      case INCOMPLETE -> IsCompleteReply.getIncompleteReplyWithIndent(answer.indent());
      case INVALID -> IsCompleteReply.INVALID_CODE;
      case UNKNOWN -> IsCompleteReply.UNKNOWN;
    };
    out.reply(codec.reply(message, IsCompleteReply.MESSAGE_TYPE, reply));
  }

  /** The experiment file is the history that matters; Jupyter's history store is not kept. */
  private void history(Message<?> message, Outbox out) {
    out.reply(codec.reply(message, HistoryReply.MESSAGE_TYPE, new HistoryReply(List.of())));
  }

  private void commInfo(Message<?> message, Outbox out) {
    out.reply(codec.reply(message, CommInfoReply.MESSAGE_TYPE, new CommInfoReply(Map.of())));
  }

  private void interrupt(Message<?> message, Outbox out) {
    if (executing) {
      evaluator.interrupt();
    }
    out.reply(codec.reply(message, InterruptReply.MESSAGE_TYPE, new InterruptReply()));
  }

  private void shutdown(Message<?> message, Outbox out) {
    boolean restart = ((ShutdownRequest) message.getContent()).isRestart();
    if (executing) {
      evaluator.interrupt();
    }
    out.reply(codec.reply(message, ShutdownReply.MESSAGE_TYPE,
        restart ? ShutdownReply.SHUTDOWN_AND_RESTART : ShutdownReply.SHUTDOWN));
    onShutdown.run();
  }

  /**
   * Completion and help are conveniences: a failing evaluator (a stack overflow on a deeply nested cell included)
   * answers "nothing", logged, never an error.
   */
  private <T> T ask(String what, Supplier<T> query, T nothing) {
    try {
      T answer = query.get();
      return answer == null ? nothing : answer;
    } catch (RuntimeException | StackOverflowError bug) {
      LOG.warn("{} failed in the evaluator", what, bug);
      return nothing;
    }
  }

  private void replyError(Message<?> request, Outbox out, String name, String value, List<String> traceback) {
    String replyName = request.getHeader().getType().getName().replace("_request", "_reply");
    MessageType<?> replyType = MessageType.getType(replyName);
    if (replyType != MessageType.UNKNOWN) {
      out.reply(codec.reply(request, replyType.error(), new ErrorReply(name, value, traceback)));
    }
  }
}
