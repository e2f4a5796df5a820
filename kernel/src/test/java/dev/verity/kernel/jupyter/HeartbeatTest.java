package dev.verity.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.kernel.render.Renderers;
import dev.verity.kernel.testkit.FixtureLanguage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/** The heartbeat on a real socket: whatever arrives, each ping is echoed whole and the next one still is. */
class HeartbeatTest {
  @Test
  void aPingOfSeveralFramesIsEchoedWholeAndTheHeartbeatGoesOn() throws IOException {
    ConnectionFile file = new ConnectionFile("tcp", "127.0.0.1", port(), port(), port(), port(), port(),
        "hmac-sha256", KernelTestKit.KEY);
    FixtureLanguage language = new FixtureLanguage();
    try (KernelServer server = KernelServer.start(file, language, language, Renderers.standard(), "test");
        ZContext context = new ZContext()) {
      ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
      dealer.setReceiveTimeOut(5000);
      dealer.connect(file.endpoint(file.heartbeatPort()));
      // a REP socket answered only the first frame and then could not send at all: the heartbeat thread died
      new ZMsg().append("").append("a").append("b").send(dealer);
      ZMsg echo = ZMsg.recvMsg(dealer);
      assertEquals(List.of("", "a", "b"), echo.stream().map(f -> f.getString(ZMQ.CHARSET)).toList());

      ZMQ.Socket client = context.createSocket(SocketType.REQ);
      client.setReceiveTimeOut(5000);
      client.connect(file.endpoint(file.heartbeatPort()));
      client.send("ping");
      assertEquals("ping", client.recvStr());
    }
  }

  private static int port() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
