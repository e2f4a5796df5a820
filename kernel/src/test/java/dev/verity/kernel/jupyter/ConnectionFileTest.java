package dev.verity.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionFileTest {
  @TempDir Path dir;

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("kernel-1.json"), json);
  }

  private static String json(String transport, String ip, int shell) {
    return "{\"shell_port\": " + shell + ", \"iopub_port\": 2, \"stdin_port\": 3, \"control_port\": 4, "
        + "\"hb_port\": 5, \"ip\": \"" + ip + "\", \"key\": \"k\", \"transport\": \"" + transport + "\", "
        + "\"signature_scheme\": \"hmac-sha256\", \"kernel_name\": \"verity\"}";
  }

  @Test
  void readsWhatJupyterWrites() throws IOException {
    ConnectionFile file = ConnectionFile.read(write(json("tcp", "127.0.0.1", 40001)));
    assertEquals("tcp://127.0.0.1:40001", file.endpoint(file.shellPort()));
    assertEquals(5, file.heartbeatPort());
    assertTrue(file.signed());
  }

  @Test
  void ipv6AddressesAreBracketed() throws IOException {
    ConnectionFile file = ConnectionFile.read(write(json("tcp", "::1", 40001)));
    assertEquals("tcp://[::1]:2", file.endpoint(file.iopubPort()));
  }

  @Test
  void problemsAreNamedWithTheFile() throws IOException {
    Path ipc = write(json("ipc", "kernel", 1));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(ipc)).getMessage()
        .contains("transport 'ipc'; this kernel speaks tcp only"));
    Path noPort = write(json("tcp", "127.0.0.1", 0));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(noPort)).getMessage()
        .contains("missing or bad port: 0"));
    Path broken = write("{\"ip\": ");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(broken)).getMessage()
        .contains("is not valid JSON"));
    Path missing = dir.resolve("nope.json");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(missing)).getMessage()
        .startsWith("cannot read the connection file " + missing));
  }
}
