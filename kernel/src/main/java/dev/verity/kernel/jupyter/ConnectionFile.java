package dev.verity.kernel.jupyter;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/** The connection file Jupyter hands the kernel: where to bind and how to sign, checked before anything binds. */
public record ConnectionFile(String transport, String ip, int shellPort, int controlPort, int stdinPort,
    int iopubPort, int heartbeatPort, String signatureScheme, String key) {
  private static final Pattern GSON_PLACE = Pattern.compile("at line (\\d+) column (\\d+)");

  /** Reads and checks {@code path}; what is wrong comes back as an {@link IllegalArgumentException} to show. */
  public static ConnectionFile read(Path path) {
    String json;
    try {
      json = Files.readString(path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the connection file " + path + ": "
          + dev.verity.engine.checkpoint.FileErrors.describe(e), e);
    }
    if (json.isBlank()) {
      throw new IllegalArgumentException("the connection file " + path + " is empty");
    }
    requireObject(path, json);
    KernelConnectionProperties p;
    try {
      p = KernelConnectionProperties.parse(json);
    } catch (JsonParseException e) { // valid JSON, but a port that is not a number, a key that is not a string…
      throw notConnectionFile(path, "a value of the wrong type" + at(e.getMessage()), e);
    }
    if (p.getTransport() == null && p.getIp() == null && p.getShellPort() == 0) { // JSON, but some other file's
      throw notConnectionFile(path, "no transport, ip or ports", null);
    }
    ConnectionFile file = new ConnectionFile(p.getTransport(), p.getIp(), p.getShellPort(), p.getControlPort(),
        p.getStdinPort(), p.getIopubPort(), p.getHbPort(), p.getSignatureScheme(), p.getKey());
    file.check(path);
    return file;
  }

  /**
   * Checks that {@code json} is one JSON object, strictly: Gson's binding would take {@code task add = …} for an
   * unquoted string and answer with its own exception names and a troubleshooting link, which mean nothing to a
   * user who gave the wrong file.
   */
  private static void requireObject(Path path, String json) {
    JsonReader reader = new JsonReader(new StringReader(json));
    reader.setStrictness(Strictness.STRICT);
    try {
      JsonElement root = JsonParser.parseReader(reader);
      if (!root.isJsonObject()) {
        throw notConnectionFile(path, "JSON, but not an object", null);
      }
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw notConnectionFile(path, "more after the JSON object" + at(reader.toString()), null);
      }
    } catch (JsonParseException | IOException e) {
      throw notConnectionFile(path, "not JSON" + at(e.getMessage()), e);
    }
  }

  /**
   * Gson's place, "at line 3 column 12" in its message or its reader's description, as " near line 3:12": Gson
   * points at the character it stopped on or just past it.
   */
  private static String at(String gsonText) {
    Matcher place = GSON_PLACE.matcher(gsonText == null ? "" : gsonText);
    return place.find() ? " near line " + place.group(1) + ":" + place.group(2) : "";
  }

  /** Someone ran {@code verity kernel} on a file of their own: say what the command is for, and what they want. */
  private static IllegalArgumentException notConnectionFile(Path path, String why, Throwable cause) {
    String file = path.toString();
    String run = file.endsWith(".verity") ? file : "FILE";
    return new IllegalArgumentException(file + ": not a Jupyter connection file (" + why + "): `verity kernel` is"
        + " started by Jupyter with the connection file it writes; to run an experiment use `verity run " + run
        + "`", cause);
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
