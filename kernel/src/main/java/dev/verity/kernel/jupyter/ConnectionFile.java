package dev.verity.kernel.jupyter;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/** The connection file Jupyter hands the kernel: where to bind and how to sign, checked before anything binds. */
public record ConnectionFile(String transport, String ip, int shellPort, int controlPort, int stdinPort,
    int iopubPort, int heartbeatPort, String signatureScheme, String key) {

  /** Reads and checks {@code path}; what is wrong comes back as an {@link IllegalArgumentException} to show. */
  public static ConnectionFile read(Path path) {
    String json;
    try {
      json = Files.readString(path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the connection file " + path + ": "
          + dev.verity.engine.checkpoint.FileErrors.describe(e), e);
    }
    KernelConnectionProperties p;
    try {
      p = KernelConnectionProperties.parse(json);
    } catch (JsonParseException e) {
      // Gson wraps the reader's complaint ("java.io.EOFException: End of input at line 1 column 2"): show its text
      String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
          : e.getMessage();
      throw new IllegalArgumentException("the connection file " + path + " is not valid JSON: " + why
          + " (Jupyter writes it: start the kernel from Jupyter, or give the file it wrote)", e);
    }
    if (p == null) {
      throw new IllegalArgumentException("the connection file " + path + " is empty");
    }
    ConnectionFile file = new ConnectionFile(p.getTransport(), p.getIp(), p.getShellPort(), p.getControlPort(),
        p.getStdinPort(), p.getIopubPort(), p.getHbPort(), p.getSignatureScheme(), p.getKey());
    file.check(path);
    return file;
  }

  private void check(Path path) {
    if (!"tcp".equals(transport)) {
      throw new IllegalArgumentException("the connection file " + path + " asks for transport '" + transport
          + "'; this kernel speaks tcp only (start Jupyter with --transport=tcp)");
    }
    if (ip == null || ip.isBlank()) {
      throw new IllegalArgumentException("the connection file " + path + " names no ip address to bind to");
    }
    int[] ports = {shellPort, controlPort, stdinPort, iopubPort, heartbeatPort};
    for (int port : ports) {
      if (port <= 0 || port > 65535) {
        throw new IllegalArgumentException("the connection file " + path + " has a missing or bad port: " + port);
      }
    }
    if (key != null && !key.isEmpty() && (signatureScheme == null || !signatureScheme.startsWith("hmac-"))) {
      throw new IllegalArgumentException("the connection file " + path + " has signature_scheme '"
          + signatureScheme + "'; expected one such as hmac-sha256");
    }
  }

  /** The ZeroMQ endpoint of {@code port} on the file's address only. */
  public String endpoint(int port) {
    String host = ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
    return transport + "://" + host + ":" + port;
  }

  /** Messages go unsigned (and unchecked) only when the file gives no key. */
  public boolean signed() {
    return key != null && !key.isEmpty();
  }
}
