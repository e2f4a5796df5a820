package dev.verity.kernel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jupyter itself finds the installed kernelspec. */
class KernelspecListTest {
  @TempDir Path temp;

  @Test
  void jupyterKernelspecListShowsVerity() throws Exception {
    RealClients clients = RealClients.in(temp);
    RealClients.Result result = clients.run(60, RealClients.JUPYTER.toString(), "kernelspec", "list", "--json");
    assertEquals(0, result.exitCode(), result::stderr);
    JsonNode verity = result.json().path("kernelspecs").path("verity");
    assertEquals(clients.kernels().resolve("verity").toString(), verity.path("resource_dir").asText());
    assertEquals("Verity", verity.path("spec").path("display_name").asText());
    assertEquals("message", verity.path("spec").path("interrupt_mode").asText());
  }
}
