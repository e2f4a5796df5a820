package dev.verity.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.junit.jupiter.api.Test;

class WireCodecTest {
  private final WireCodec codec = new WireCodec("hmac-sha256", KernelTestKit.KEY);

  private static List<byte[]> executeFrames() {
    Map<String, Object> header = Map.of("msg_id", "m1", "username", "u", "session", "s",
        "date", "2025-01-01T00:00:00.000000Z", "msg_type", "execute_request", "version", "5.3");
    return KernelTestKit.signed(List.of(KernelTestKit.bytes(header), KernelTestKit.bytes(Map.of()),
        KernelTestKit.bytes(Map.of()), KernelTestKit.bytes(Map.of("code", "show 1", "silent", false))));
  }

  @Test
  void aSignedRequestDecodesToJjavasMessage() throws BadMessage {
    Message<?> message = codec.decode(executeFrames());
    assertEquals(MessageType.EXECUTE_REQUEST, message.getHeader().getType());
    assertEquals("show 1", ((ExecuteRequest) message.getContent()).getCode());
    assertEquals("client-identity", new String(message.getIdentities().get(0), StandardCharsets.US_ASCII));
  }

  @Test
  void aBadSignatureIsRefused() {
    List<byte[]> frames = new ArrayList<>(executeFrames());
    frames.set(2, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
    assertEquals("bad signature", assertThrows(BadMessage.class, () -> codec.decode(frames)).getMessage());
  }

  @Test
  void aTamperedBodyIsRefused() {
    List<byte[]> frames = new ArrayList<>(executeFrames());
    frames.set(6, KernelTestKit.bytes(Map.of("code", "crash")));
    assertThrows(BadMessage.class, () -> codec.decode(frames));
  }

  @Test
  void framesWithoutTheDelimiterAreRefusedNotWaitedOn() {
    List<byte[]> frames = List.of("garbage".getBytes(StandardCharsets.US_ASCII));
    assertTrue(assertThrows(BadMessage.class, () -> codec.decode(frames)).getMessage().contains("delimiter"));
  }

  @Test
  void tooFewFramesAreRefused() {
    List<byte[]> frames = executeFrames().subList(0, 5);
    assertThrows(BadMessage.class, () -> codec.decode(frames));
  }

  @Test
  void unreadableJsonIsRefusedEvenWhenSigned() {
    List<byte[]> body = List.of("{not json".getBytes(StandardCharsets.UTF_8), KernelTestKit.bytes(Map.of()),
        KernelTestKit.bytes(Map.of()), KernelTestKit.bytes(Map.of()));
    assertTrue(assertThrows(BadMessage.class, () -> codec.decode(KernelTestKit.signed(body)))
        .getMessage().startsWith("unreadable message"));
  }

  @Test
  void withoutAKeyNothingIsSignedOrChecked() throws BadMessage {
    WireCodec open = new WireCodec(null, "");
    List<byte[]> frames = new ArrayList<>(executeFrames());
    frames.set(2, new byte[0]);
    assertEquals("show 1", ((ExecuteRequest) open.decode(frames).getContent()).getCode());
  }

  @Test
  void repliesCarryStatusOkAndAreSignedOverTheirFrames() throws BadMessage {
    Message<?> request = codec.decode(executeFrames());
    List<byte[]> frames = codec.encode(codec.reply(request, HistoryReply.MESSAGE_TYPE, new HistoryReply(List.of())));
    assertEquals("client-identity", new String(frames.get(0), StandardCharsets.US_ASCII), "routed to the sender");
    assertEquals("<IDS|MSG>", new String(frames.get(1), StandardCharsets.US_ASCII));
    assertEquals(KernelTestKit.sign(frames.subList(3, 7)), new String(frames.get(2), StandardCharsets.US_ASCII));
    String content = new String(frames.get(6), StandardCharsets.UTF_8);
    assertEquals("{\"history\":[],\"status\":\"ok\"}", content);
    String parent = new String(frames.get(4), StandardCharsets.UTF_8);
    assertTrue(parent.contains("\"msg_id\":\"m1\""), parent);
  }
}
