package dev.verity.kernel.jupyter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * Jupyter's wire format: ZeroMQ frames to and from jjava's {@link Message}, signed with the connection key.
 * Replaces jjava's {@code JupyterSocket} codec, which throws on a bad signature (killing its loop), reads past a
 * message without the {@code <IDS|MSG>} delimiter, compares signatures in variable time, and stamps minutes only.
 */
final class WireCodec {
  static final String PROTOCOL_VERSION = "5.3";
  private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();
  private static final Gson GSON = new GsonBuilder()
      .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
      .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
      .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
      .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
      .disableHtmlEscaping()
      .create();

  private final HMACGenerator hmac;
  private final boolean signed;
  private final String session = UUID.randomUUID().toString();

  WireCodec(String signatureScheme, String key) {
    this.signed = key != null && !key.isEmpty();
    try {
      this.hmac = signed ? new HMACGenerator(signatureScheme, key) : HMACGenerator.NO_AUTH_INSTANCE;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with '" + signatureScheme + "': " + e.getMessage(), e);
    }
  }

  static WireCodec of(ConnectionFile file) {
    return new WireCodec(file.signatureScheme(), file.key());
  }

  /** Reads one multipart message: identities, delimiter, signature, header, parent, metadata, content, buffers. */
  Message<?> decode(List<byte[]> frames) throws BadMessage {
    int delimiter = indexOfDelimiter(frames);
    if (delimiter < 0) {
      throw new BadMessage("no <IDS|MSG> delimiter among " + frames.size() + " frames");
    }
    if (frames.size() < delimiter + 6) {
      throw new BadMessage("only " + (frames.size() - delimiter - 1) + " frames after the delimiter, need 5");
    }
    byte[] signature = frames.get(delimiter + 1);
    byte[] header = frames.get(delimiter + 2);
    byte[] parent = frames.get(delimiter + 3);
    byte[] metadata = frames.get(delimiter + 4);
    byte[] content = frames.get(delimiter + 5);
    if (signed) {
      byte[] expected = hmac.calculateSignature(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
      if (!MessageDigest.isEqual(expected, signature)) { // constant time: no timing oracle for forging
        throw new BadMessage("bad signature");
      }
    }
    try {
      Header<?> head = GSON.fromJson(utf8(header), Header.class);
      JsonElement parentJson = JsonParser.parseString(utf8(parent));
      Header<?> parentHead = parentJson.isJsonObject() && !parentJson.getAsJsonObject().isEmpty()
          ? GSON.fromJson(parentJson, Header.class) : null;
      Map<String, Object> meta = GSON.fromJson(utf8(metadata), MAP);
      Object body = GSON.fromJson(utf8(content), head.getType().getContentType());
      if (body == null) {
        throw new BadMessage("empty content in a " + head.getType() + " message");
      }
      List<byte[]> identities = new ArrayList<>(frames.subList(0, delimiter));
      List<byte[]> buffers = new ArrayList<>(frames.subList(delimiter + 6, frames.size()));
      @SuppressWarnings({"unchecked", "rawtypes"}) // jjava's Message is keyed by the header's runtime type
      Message<?> message = new Message(identities, head, parentHead, meta, body, buffers);
      return message;
    } catch (RuntimeException e) { // gson's parse errors, and NPEs of jjava's adapters on missing fields
      throw new BadMessage("unreadable message: " + e);
    }
  }

  /** Writes {@code message} as frames, signed. */
  List<byte[]> encode(Message<?> message) {
    byte[] header = GSON.toJson(message.getHeader()).getBytes(StandardCharsets.UTF_8);
    byte[] parent = message.hasParentHeader()
        ? GSON.toJson(message.getParentHeader()).getBytes(StandardCharsets.UTF_8) : EMPTY_OBJECT;
    byte[] metadata = message.hasMetadata()
        ? GSON.toJson(message.getMetadata()).getBytes(StandardCharsets.UTF_8) : EMPTY_OBJECT;
    byte[] content = GSON.toJson(contentJson(message)).getBytes(StandardCharsets.UTF_8);
    List<byte[]> frames = new ArrayList<>(message.getIdentities());
    frames.add(DELIMITER);
    frames.add(hmac.calculateSignature(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
    frames.add(header);
    frames.add(parent);
    frames.add(metadata);
    frames.add(content);
    if (message.getBlobs() != null) {
      frames.addAll(message.getBlobs());
    }
    return frames;
  }

  /** The reply to {@code request}, routed back to the client that sent it. */
  <T> Message<T> reply(Message<?> request, MessageType<T> type, T content) {
    return message(request, type, content, request.getIdentities());
  }

  /** An IOPub message caused by {@code parent} (null for none), under ipykernel's topic {@code kernel.<id>.<type>}. */
  <T> Message<T> iopub(Message<?> parent, MessageType<T> type, T content) {
    byte[] topic = ("kernel." + session + "." + type.getName()).getBytes(StandardCharsets.UTF_8);
    return message(parent, type, content, List.of(topic));
  }

  private <T> Message<T> message(Message<?> parent, MessageType<T> type, T content, List<byte[]> identities) {
    Header<T> header = new Header<>(UUID.randomUUID().toString(), "kernel", session,
        new KernelTimestamp(Instant.now().toString()), type, PROTOCOL_VERSION);
    return new Message<>(identities, header, parent == null ? null : parent.getHeader(), new LinkedHashMap<>(),
        content, null);
  }

  /** jjava's reply classes for kernel_info, history, interrupt and shutdown lack the status the spec requires. */
  private static JsonElement contentJson(Message<?> message) {
    JsonElement json = GSON.toJsonTree(message.getContent());
    if (json.isJsonObject() && message.getHeader().getType().getName().endsWith("_reply")) {
      JsonObject object = json.getAsJsonObject();
      if (!object.has("status")) {
        object.addProperty("status", "ok");
      }
    }
    return json;
  }

  private static int indexOfDelimiter(List<byte[]> frames) {
    for (int i = 0; i < frames.size(); i++) {
      if (Arrays.equals(DELIMITER, frames.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
