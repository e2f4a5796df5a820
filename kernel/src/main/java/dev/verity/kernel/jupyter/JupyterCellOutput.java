package dev.verity.kernel.jupyter;

import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.DisplayHandle;
import dev.verity.kernel.render.MimeBundle;
import dev.verity.kernel.render.Renderers;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

/**
 * A cell's output as IOPub messages under its execute request: {@code display_data} with a {@code display_id} so
 * that a handle can later send {@code update_display_data}, and {@code stream} text.
 */
final class JupyterCellOutput implements CellOutput, AutoCloseable {
  private final Message<?> request;
  private final Outbox out;
  private final WireCodec codec;
  private final Renderers renderers;
  private final StreamBatcher streams;

  JupyterCellOutput(Message<?> request, Outbox out, WireCodec codec, Renderers renderers) {
    this.request = request;
    this.out = out;
    this.codec = codec;
    this.renderers = renderers;
    this.streams = new StreamBatcher((type, text) ->
        out.publish(codec.iopub(request, PublishStream.MESSAGE_TYPE, new PublishStream(type, text))));
  }

  @Override
  public DisplayHandle display(Object value) {
    String id = UUID.randomUUID().toString();
    streams.flush(); // what was printed before the display shows before it
    out.publish(codec.iopub(request, PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(bundle(value, id))));
    return newValue -> {
      streams.flush();
      out.publish(codec.iopub(request, PublishUpdateDisplayData.MESSAGE_TYPE,
          new PublishUpdateDisplayData(bundle(newValue, id))));
    };
  }

  /** Sends the cell's waiting text: before its error, reply and idle status. */
  @Override
  public void close() {
    streams.close();
  }

  @Override
  public void print(String text) {
    stream(PublishStream.StreamType.OUT, text);
  }

  @Override
  public void printError(String text) {
    stream(PublishStream.StreamType.ERR, text);
  }

  private void stream(PublishStream.StreamType type, String text) {
    streams.add(type, text);
  }

  private DisplayData bundle(Object value, String displayId) {
    MimeBundle bundle = renderers.render(value);
    DisplayData data = new DisplayData();
    bundle.data().forEach(data::putData);
    data.setDisplayId(displayId);
    return data;
  }
}
