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

  private static final String WHAT_FOR = "`verity kernel` is started by Jupyter with the connection file it writes;"
      + " to run an experiment use `verity run ";

  private String refusal(String name, String text) throws IOException {
    Path file = Files.writeString(dir.resolve(name), text);
    return assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(file)).getMessage();
  }

  @Test
  void anotherFileIsNamedWithItsPlaceAndWhatTheCommandIsFor() throws IOException {
    // what Gson would say instead: "Expected BEGIN_OBJECT but was STRING at line 1 column 1 path $", and a link
    Path experiment = dir.resolve("add.verity");
    assertEquals(experiment + ": not a Jupyter connection file (not JSON near line 1:1): " + WHAT_FOR + experiment
        + "`",
        refusal("add.verity", "task add = addition(digits: 1..2)\n"));
    Path malformed = dir.resolve("m.json");
    assertEquals(malformed + ": not a Jupyter connection file (not JSON near line 2:12): " + WHAT_FOR + "FILE`",
        refusal("m.json", "{\n  \"ip\": 1 2}"));
    assertEquals(dir.resolve("a.json") + ": not a Jupyter connection file (JSON, but not an object): " + WHAT_FOR
        + "FILE`", refusal("a.json", "[1, 2]"));
    assertEquals(dir.resolve("p.json") + ": not a Jupyter connection file (no transport, ip or ports): " + WHAT_FOR
        + "FILE`", refusal("p.json", "{\"name\": \"package\"}"));
    String wrongType = refusal("t.json", "{\"transport\": \"tcp\", \"shell_port\": \"abc\"}");
    assertTrue(wrongType.startsWith(dir.resolve("t.json") + ": not a Jupyter connection file (a value of the wrong"
        + " type"), wrongType);
    for (String message : java.util.List.of(wrongType, refusal("x.json", "{} {}"))) {
      assertTrue(!message.contains("gson") && !message.contains("Exception") && !message.contains("\n"), message);
    }
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
    assertEquals(broken + ": not a Jupyter connection file (not JSON near line 1:8): " + WHAT_FOR + "FILE`",
        assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(broken)).getMessage());
    Path missing = dir.resolve("nope.json");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(missing)).getMessage()
        .startsWith("cannot read the connection file " + missing));
  }
}
