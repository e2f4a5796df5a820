package dev.verity.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.kernel.KernelBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dflib.jjava.jupyter.messages.Message;

/**
 * Drives {@link JupyterKernel} without sockets, as a client would: requests are signed JSON frames, answers are
 * read back from the frames the kernel would send, their signatures checked. In the spirit of kotlin-jupyter's
 * {@code execSuccess} / {@code execError}.
 */
public final class KernelTestKit {
  static final String KEY = "a0436f6c-1916-498b-8eb9-e81ab9368e84";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One message the kernel sent: on {@code "reply"} (its request's channel) or {@code "iopub"}. */
  public record Sent(String channel, String type, JsonNode header, JsonNode parent, JsonNode content) {}

  private final JupyterKernel kernel;
  private final List<Sent> sent = new ArrayList<>();
  private final AtomicBoolean shutdown = new AtomicBoolean();
  private final String session = UUID.randomUUID().toString();
  private final Outbox outbox = new Outbox() {
    @Override
    public void reply(Message<?> message) {
      record("reply", message);
    }

    @Override
    public void publish(Message<?> message) {
      record("iopub", message);
    }
  };

  public KernelTestKit(KernelBackend backend) {
    WireCodec codec = new WireCodec("hmac-sha256", KEY);
    this.kernel = new JupyterKernel(backend.evaluator(), backend.magics(), backend.renderers(), codec, "test",
        () -> shutdown.set(true));
  }

  /** Sends one request; returns what the kernel sent for it (reply and IOPub), in order. */
  public List<Sent> request(String msgType, Map<String, Object> content) {
    String msgId = UUID.randomUUID().toString();
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("msg_id", msgId);
    header.put("username", "tester");
    header.put("session", session);
    header.put("date", Instant.now().toString());
    header.put("msg_type", msgType);
    header.put("version", "5.3");
    List<byte[]> frames = signed(List.of(bytes(header), bytes(Map.of()), bytes(Map.of()), bytes(content)));
    try {
      kernel.handle(kernel.codec().decode(frames), outbox);
    } catch (BadMessage e) {
      throw new AssertionError("the kernel could not read a well-formed request: " + e.getMessage(), e);
    }
    synchronized (sent) {
      return sent.stream().filter(s -> s.parent().path("msg_id").asText().equals(msgId)).toList();
    }
  }

  /** Runs a cell that must succeed; returns the {@code data} of each display_data it showed. */
  public List<JsonNode> execSuccess(String code) {
    List<Sent> answers = execute(code);
    JsonNode reply = only(answers, "execute_reply").content();
    assertEquals("ok", reply.path("status").asText(), () -> "cell failed: " + reply);
    return answers.stream().filter(s -> s.type().equals("display_data")).map(s -> s.content().path("data")).toList();
  }

  /** Runs a cell that must fail; returns the execute_reply content (ename, evalue, traceback). */
  public JsonNode execError(String code) {
    JsonNode reply = only(execute(code), "execute_reply").content();
    assertEquals("error", reply.path("status").asText(), () -> "cell did not fail: " + reply);
    return reply;
  }

  public List<Sent> execute(String code) {
    return request("execute_request", Map.of("code", code, "silent", false, "store_history", true,
        "user_expressions", Map.of(), "allow_stdin", false, "stop_on_error", true));
  }

  /** The one message of {@code type} among {@code answers}. */
  public static Sent only(List<Sent> answers, String type) {
    List<Sent> found = answers.stream().filter(s -> s.type().equals(type)).toList();
    assertEquals(1, found.size(), () -> "expected one " + type + " in " + answers);
    return found.get(0);
  }

  /** Drops what the kernel sent so far, so a long run of requests (a fuzzer's) does not pile up its answers. */
  public void forget() {
    synchronized (sent) {
      sent.clear();
    }
  }

  public boolean shutdownRequested() {
    return shutdown.get();
  }

  private void record(String channel, Message<?> message) {
    List<byte[]> frames = kernel.codec().encode(message);
    int delimiter = indexOf(frames, "<IDS|MSG>");
    List<byte[]> body = frames.subList(delimiter + 2, delimiter + 6);
    assertEquals(sign(body), new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII), "signature");
    try {
      JsonNode header = JSON.readTree(body.get(0));
      Sent s = new Sent(channel, header.path("msg_type").asText(), header, JSON.readTree(body.get(1)),
          JSON.readTree(body.get(3)));
      synchronized (sent) {
        sent.add(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<byte[]> signed(List<byte[]> body) {
    List<byte[]> frames = new ArrayList<>();
    frames.add("client-identity".getBytes(StandardCharsets.US_ASCII));
    frames.add("<IDS|MSG>".getBytes(StandardCharsets.US_ASCII));
    frames.add(sign(body).getBytes(StandardCharsets.US_ASCII));
    frames.addAll(body);
    return frames;
  }

  /** HMAC-SHA256 hex over the four JSON frames, computed here independently of the kernel's codec. */
  static String sign(List<byte[]> body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      body.forEach(mac::update);
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(Object json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(List<byte[]> frames, String text) {
    for (int i = 0; i < frames.size(); i++) {
      if (new String(frames.get(i), StandardCharsets.US_ASCII).equals(text)) {
        return i;
      }
    }
    throw new AssertionError("no " + text + " frame");
  }
}
