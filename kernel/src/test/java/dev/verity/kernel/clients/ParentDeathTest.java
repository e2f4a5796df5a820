package dev.verity.kernel.clients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that crashes (SIGKILL, no shutdown request) must not leave its kernel running. */
class ParentDeathTest {
  @TempDir Path temp;

  @Test
  void theKernelExitsWhenTheProcessThatStartedItDies() throws Exception {
    RealClients clients = RealClients.in(temp);
    Process parent = clients.start(RealClients.PYTHON.toString(), clients.script("parent_dies.py").toString(),
        "verity");
    long kernelPid;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(line != null && line.strip().matches("\\d+"), "the client printed the kernel's pid: " + line);
      kernelPid = Long.parseLong(line.strip());
    }
    Optional<ProcessHandle> kernel = ProcessHandle.of(kernelPid);
    assertTrue(kernel.isPresent() && kernel.get().isAlive(), "the kernel runs while its client lives");

    long killed = System.nanoTime();
    parent.destroyForcibly().waitFor();
    while (running(kernelPid) && System.nanoTime() - killed < 10_000_000_000L) {
      Thread.sleep(20);
    }
    double seconds = (System.nanoTime() - killed) / 1e9;
    boolean exited = !running(kernelPid);
    kernel.get().destroyForcibly(); // never leave one behind, even when the test fails
    System.out.printf("kernel exited %.2f s after its parent was killed%n", seconds);
    assertTrue(exited, "the kernel still ran 10 s after its parent died");
  }

  /** Alive and not a zombie: an exited kernel waits as a zombie until init, its new parent, reaps it. */
  private static boolean running(long pid) throws IOException {
    String text;
    try {
      text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (NoSuchFileException e) {
      return false;
    }
    return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
  }
}
