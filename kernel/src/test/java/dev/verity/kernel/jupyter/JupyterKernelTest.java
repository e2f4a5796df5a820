package dev.verity.kernel.jupyter;

import static dev.verity.kernel.jupyter.KernelTestKit.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.kernel.jupyter.KernelTestKit.Sent;
import dev.verity.kernel.magic.Magic;
import dev.verity.kernel.testkit.FixtureLanguage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The kernel's answers to each request, driven in-process through {@link KernelTestKit}. */
class JupyterKernelTest {
  private final FixtureLanguage language = new FixtureLanguage();
  private final KernelTestKit kit = new KernelTestKit(language);

  @Test
  void kernelInfoDescribesTheVerityLanguage() {
    JsonNode info = only(kit.request("kernel_info_request", Map.of()), "kernel_info_reply").content();
    assertEquals("ok", info.path("status").asText());
    assertEquals("5.3", info.path("protocol_version").asText());
    JsonNode language = info.path("language_info");
    assertEquals("verity", language.path("name").asText());
    assertEquals(".verity", language.path("file_extension").asText());
    assertEquals("text/x-verity", language.path("mimetype").asText());
    assertEquals("verity", language.path("codemirror_mode").asText());
  }

  @Test
  void everyRequestIsWrappedInBusyThenIdle() {
    List<Sent> answers = kit.execute("show hello");
    List<String> order = answers.stream().map(s -> s.type().equals("status")
        ? s.content().path("execution_state").asText() : s.type()).toList();
    assertEquals(List.of("busy", "execute_input", "display_data", "execute_reply", "idle"), order);
    assertEquals("reply", only(answers, "execute_reply").channel());
  }

  @Test
  void valuesAreShownWithTheirRenderersMimeTypes() {
    assertEquals(List.of("text/plain"), fieldNames(kit.execSuccess("show hello").get(0)));
    assertEquals("hello", kit.execSuccess("show hello").get(0).path("text/plain").asText());
    assertEquals(List.of("text/html", "text/plain"), fieldNames(kit.execSuccess("table").get(0)));
    assertEquals(List.of("image/png", "text/plain"), fieldNames(kit.execSuccess("chart").get(0)));
    assertEquals(List.of("text/html", "text/plain"), fieldNames(kit.execSuccess("verdict pass").get(0)));
  }

  @Test
  void executionCountGrowsWithStoredCellsOnly() {
    int first = only(kit.execute("noop"), "execute_reply").content().path("execution_count").asInt();
    List<Sent> silent = kit.request("execute_request", Map.of("code", "noop", "silent", true,
        "store_history", false, "user_expressions", Map.of(), "allow_stdin", false, "stop_on_error", true));
    assertTrue(silent.stream().noneMatch(s -> s.type().equals("execute_input")), "silent cells echo nothing");
    List<Sent> next = kit.execute("noop");
    assertEquals(1, first);
    assertEquals(2, only(next, "execute_input").content().path("execution_count").asInt());
    assertEquals(2, only(next, "execute_reply").content().path("execution_count").asInt());
  }

  @Test
  void aFailingCellReportsItsDiagnosticAndTheKernelGoesOn() {
    JsonNode reply = kit.execError("noop\nfail unknown reward 'corect'");
    assertEquals("VerityError", reply.path("ename").asText());
    assertEquals("unknown reward 'corect'", reply.path("evalue").asText());
    assertEquals(List.of("cell:2:6: error: unknown reward 'corect'", "  fail unknown reward 'corect'",
        "       ^^^^^^^^^^^^^^^^^^^^^^^"), texts(reply.path("traceback")));
    assertEquals(1, reply.path("execution_count").asInt());
    assertEquals("hi", kit.execSuccess("show hi").get(0).path("text/plain").asText());
  }

  @Test
  void theFailureIsAlsoPublishedForOtherFrontEnds() {
    JsonNode error = only(kit.execute("fail oops"), "error").content();
    assertEquals("oops", error.path("evalue").asText());
    assertEquals(3, error.path("traceback").size());
  }

  @Test
  void aBugInTheLanguageShowsOneLineNotAJavaStack() {
    JsonNode reply = kit.execError("crash");
    assertEquals("InternalError", reply.path("ename").asText());
    List<String> traceback = texts(reply.path("traceback"));
    assertEquals(1, traceback.size());
    assertTrue(traceback.get(0).contains("fixture bug"), traceback.get(0));
    assertFalse(traceback.get(0).contains("\tat "), "no stack frames");
  }

  @Test
  void runningOutOfMemoryFailsTheCellNotTheKernel() {
    JsonNode reply = kit.execError("exhaust");
    assertEquals("OutOfMemoryError", reply.path("ename").asText());
    assertEquals("the kernel ran out of Java heap (fixture heap): set the Java cells' variables that hold much to null,"
        + " or restart the kernel", reply.path("evalue").asText());
    assertEquals("ok", only(kit.execute("noop"), "execute_reply").content().path("status").asText());
  }

  @Test
  void aDisplayHandleUpdatesItsDisplayInPlace() {
    List<Sent> answers = kit.execute("live 3");
    String id = only(answers, "display_data").content().path("transient").path("display_id").asText();
    List<Sent> updates = answers.stream().filter(s -> s.type().equals("update_display_data")).toList();
    assertFalse(id.isEmpty());
    assertEquals(3, updates.size());
    for (Sent update : updates) {
      assertEquals(id, update.content().path("transient").path("display_id").asText());
      assertTrue(update.content().path("data").has("image/png"));
    }
    assertTrue(updates.get(2).content().path("data").path("text/plain").asText().contains("4 points"));
  }

  @Test
  void printGoesToTheStdoutStream() {
    JsonNode stream = only(kit.execute("print 12+30=42"), "stream").content();
    assertEquals("stdout", stream.path("name").asText());
    assertEquals("12+30=42\n", stream.path("text").asText());
  }

  @Test
  void magicsReachTheHandlerTypedAndInOrderBeforeTheCode() {
    kit.execSuccess("%seed 7\n%device gpu\nshow after");
    assertEquals(List.of(new Magic.Seed(7), new Magic.Device(Magic.Device.Kind.GPU)), language.magicsSeen());
  }

  @Test
  void helpListsTheMagicsWithoutTheLanguage() {
    String text = only(kit.execute("%help"), "stream").content().path("text").asText();
    assertTrue(text.contains("%seed N") && text.contains("%device cpu|gpu") && text.contains("%export FILE"), text);
    assertTrue(language.magicsSeen().isEmpty());
  }

  @Test
  void anUnknownMagicFailsTheCellNamingTheKnownOnes() {
    JsonNode reply = kit.execError("%sed 7\nshow x");
    assertTrue(reply.path("evalue").asText().contains("unknown magic '%sed'"));
    assertTrue(reply.path("evalue").asText().contains("%seed, %threads, %device, %run, %export, %runs, %sweep, %compare,"
        + " %classpath, %help"));
  }

  @Test
  void completionCountsCursorsInCodePointsLikeJupyter() {
    String code = "# 🎲\nsh";
    JsonNode reply = only(kit.request("complete_request", Map.of("code", code, "cursor_pos",
        code.codePointCount(0, code.length()))), "complete_reply").content();
    assertEquals("ok", reply.path("status").asText());
    assertEquals(List.of("show"), texts(reply.path("matches")));
    assertEquals(4, reply.path("cursor_start").asInt()); // "# 🎲\n" is 4 code points (5 UTF-16 chars)
    assertEquals(6, reply.path("cursor_end").asInt());
  }

  @Test
  void inspectionAnswersFromTheEvaluator() {
    JsonNode found = only(kit.request("inspect_request", Map.of("code", "chart", "cursor_pos", 2,
        "detail_level", 0)), "inspect_reply").content();
    assertTrue(found.path("found").asBoolean());
    assertEquals("chart: displays a chart of two series", found.path("data").path("text/plain").asText());
    JsonNode missing = only(kit.request("inspect_request", Map.of("code", "zzz", "cursor_pos", 1,
        "detail_level", 0)), "inspect_reply").content();
    assertFalse(missing.path("found").asBoolean());
  }

  @Test
  void isCompleteMapsEachAnswer() {
    assertEquals("complete", isComplete("show x").path("status").asText());
    assertEquals("invalid", isComplete("show !!").path("status").asText());
    JsonNode incomplete = isComplete("show \\");
    assertEquals("incomplete", incomplete.path("status").asText());
    assertEquals("  ", incomplete.path("indent").asText());
  }

  @Test
  void editorHelpThatOverflowsTheStackStillGetsItsReplyAndTheKernelGoesOn() {
    JsonNode completion = only(kit.request("complete_request", Map.of("code", "overflow", "cursor_pos", 3)),
        "complete_reply").content();
    assertEquals("ok", completion.path("status").asText());
    assertEquals(List.of(), texts(completion.path("matches")));
    JsonNode inspection = only(kit.request("inspect_request", Map.of("code", "overflow", "cursor_pos", 3,
        "detail_level", 0)), "inspect_reply").content();
    assertFalse(inspection.path("found").asBoolean());
    assertEquals("unknown", isComplete("overflow").path("status").asText());
    assertEquals("complete", isComplete("show x").path("status").asText());
  }

  @Test
  void historyGetsAnEmptyValidReply() {
    JsonNode reply = only(kit.request("history_request", Map.of("output", false, "raw", true,
        "hist_access_type", "tail", "n", 10)), "history_reply").content();
    assertEquals("ok", reply.path("status").asText());
    assertTrue(reply.path("history").isArray() && reply.path("history").isEmpty());
  }

  @Test
  void commInfoListsNoComms() {
    JsonNode reply = only(kit.request("comm_info_request", Map.of()), "comm_info_reply").content();
    assertEquals("ok", reply.path("status").asText());
    assertTrue(reply.path("comms").isEmpty());
  }

  @Test
  void anInterruptStopsTheRunningCell() throws Exception {
    CompletableFuture<List<Sent>> cell = CompletableFuture.supplyAsync(() -> kit.execute("loop"));
    Thread.sleep(200);
    assertFalse(cell.isDone(), "the loop runs until interrupted");
    JsonNode interruptReply = only(kit.request("interrupt_request", Map.of()), "interrupt_reply").content();
    JsonNode reply = only(cell.get(5, TimeUnit.SECONDS), "execute_reply").content();
    assertEquals("ok", interruptReply.path("status").asText());
    assertEquals("Interrupted", reply.path("ename").asText());
    assertEquals("hi", kit.execSuccess("show hi").get(0).path("text/plain").asText());
  }

  @Test
  void shutdownRepliesThenStopsTheServer() {
    JsonNode reply = only(kit.request("shutdown_request", Map.of("restart", true)), "shutdown_reply").content();
    assertEquals("ok", reply.path("status").asText());
    assertTrue(reply.path("restart").asBoolean());
    assertTrue(kit.shutdownRequested());
  }

  @Test
  void unknownMessageTypesAreIgnored() {
    assertTrue(kit.request("usage_request", Map.of()).isEmpty());
  }

  private JsonNode isComplete(String code) {
    return only(kit.request("is_complete_request", Map.of("code", code)), "is_complete_reply").content();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
