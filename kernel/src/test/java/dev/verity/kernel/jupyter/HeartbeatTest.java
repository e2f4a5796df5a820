package dev.verity.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.kernel.render.Renderers;
import dev.verity.kernel.testkit.FixtureLanguage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat on a real socket, pinged by libzmq (Debian's pyzmq, what Jupyter itself uses): a ping of several
 * frames is echoed whole and the next ping still is. Repeated because a miss was intermittent: with a JeroMQ
 * client here, 6 of 40 pings went unanswered, the client's JeroMQ never reading the server's greeting; libzmq
 * answered 40 of 40.
 */
class HeartbeatTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @RepeatedTest(5)
  void aPingOfSeveralFramesIsEchoedWholeAndTheHeartbeatGoesOn() throws IOException, InterruptedException {
    assumeTrue(pyzmqPresent(), "Debian's python3-zmq is missing: run scripts/install-test-deps.sh");
    FixtureLanguage language = new FixtureLanguage();
    ConnectionFile[] bound = new ConnectionFile[1];
    try (KernelServer server = startOnFreePorts(language, bound)) {
      ConnectionFile file = bound[0];
      Process client = new ProcessBuilder(PYTHON.toString(), "src/test/python/heartbeat.py",
          String.valueOf(file.heartbeatPort())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String printed = new String(client.getInputStream().readAllBytes());
      assertEquals(true, client.waitFor(30, TimeUnit.SECONDS));
      JsonNode echoes = new ObjectMapper().readTree(printed);
      assertEquals(List.of("", "a", "b"), new ObjectMapper().convertValue(echoes.get("several"), List.class));
      assertEquals("ping", echoes.get("single").asText(null));
    }
  }

  @Test
  void aPortInUseFailsAtOnceWithTheAddressInsteadOfHanging() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int[] free = distinctPorts(4);
      ConnectionFile file = new ConnectionFile("tcp", "127.0.0.1", free[0], free[1], taken.getLocalPort(), free[2],
          free[3], "hmac-sha256", KernelTestKit.KEY);
      FixtureLanguage language = new FixtureLanguage();
      // the sockets bound before the failing one kept the ZeroMQ context open: its close waited for ever
      IllegalStateException error = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
          IllegalStateException.class, () -> KernelServer.start(file, language, language, Renderers.standard(), "t")));
      String address = "cannot bind tcp://127.0.0.1:" + taken.getLocalPort();
      assertTrue(error.getMessage().contains(address), error.getMessage());
    }
  }

  private static boolean pyzmqPresent() throws IOException, InterruptedException {
    return Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import zmq")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
  }

  /**
   * Starts a server on five distinct free ports. A port found free can be taken by another process before the
   * server binds it (CI saw one such EADDRINUSE), so a bind failure is retried on fresh ports a few times.
   */
  private static KernelServer startOnFreePorts(FixtureLanguage language, ConnectionFile[] bound) throws IOException {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int[] ports = distinctPorts(5);
      ConnectionFile file = new ConnectionFile("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3],
          ports[4], "hmac-sha256", KernelTestKit.KEY);
      try {
        KernelServer server = KernelServer.start(file, language, language, Renderers.standard(), "test");
        bound[0] = file;
        return server;
      } catch (IllegalStateException e) {
        if (!String.valueOf(e.getMessage()).startsWith("cannot bind")) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  /** Ports held open together while chosen, so no two are the same. */
  private static int[] distinctPorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }
}
