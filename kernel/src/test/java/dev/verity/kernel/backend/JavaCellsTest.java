package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.kernel.jupyter.KernelTestKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code %%java} cells through the kernel, in process: state, rendered values, errors, interrupts, editor help. */
class JavaCellsTest {
  @TempDir Path dir;

  @Test
  void stateStaysAcrossCellsAndTheLastExpressionIsShown() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%%java\nint x = 40;\nString twice(String s) { return s + s; }\nrecord Point(int x, int y) {}");
      assertEquals(List.of("42"), Tiny.texts(s.ok("%%java\nx + 2")));
      assertEquals(List.of("abab"), Tiny.texts(s.ok("%%java\ntwice(\"ab\")")));
      assertEquals(List.of("Point[x=1, y=2]"), Tiny.texts(s.ok("%%java\nnew Point(1, 2)")));
      assertEquals(List.of(), s.ok("%%java\nint y = 3;"), "a declaration alone shows nothing");
    }
  }

  @Test
  void printsGoToTheCellsStreamsAndDisplayShowsMoreThanOneValue() {
    try (Tiny.Session s = Tiny.open(dir)) {
      List<KernelTestKit.Sent> sent = s.kit().execute("%%java\nSystem.out.println(\"hello from Java\");\n"
          + "display(1);\ndisplay(\"two\");\n3");
      assertTrue(streamText(sent).contains("hello from Java\n"), sent::toString);
      List<String> shown = sent.stream().filter(m -> m.type().equals("display_data"))
          .map(m -> m.content().path("data").path("text/plain").asText()).toList();
      assertEquals(List.of("1", "two", "3"), shown);
    }
  }

  @Test
  void aCellPrintingTwentyThousandLinesSendsThemAllInAFewStreamMessagesBeforeItsReply() {
    try (Tiny.Session s = Tiny.open(dir)) {
      List<KernelTestKit.Sent> sent = s.kit().execute(
          "%%java\nfor (int k = 0; k < 20000; k++) System.out.println(\"line \" + k);\nSystem.err.println(\"end\");");
      StringBuilder expected = new StringBuilder();
      for (int k = 0; k < 20000; k++) {
        expected.append("line ").append(k).append('\n');
      }
      List<KernelTestKit.Sent> streams = sent.stream().filter(m -> m.type().equals("stream")).toList();
      String out = streams.stream().filter(m -> m.content().path("name").asText().equals("stdout"))
          .map(m -> m.content().path("text").asText()).reduce("", String::concat);
      assertEquals(expected.toString(), out, "every line, in order");
      assertTrue(streams.size() < 200, streams.size() + " stream messages: one a line would flood IOPub");
      KernelTestKit.Sent last = streams.get(streams.size() - 1);
      assertEquals("stderr", last.content().path("name").asText(), "the other stream keeps its place after them");
      assertTrue(sent.indexOf(last) < sent.indexOf(KernelTestKit.only(sent, "execute_reply")),
          "the cell's text is sent before its reply");
    }
  }

  @Test
  void aCellOfOnlyCommentsRunsAndShowsNothing() {
    try (Tiny.Session s = Tiny.open(dir)) {
      assertEquals(List.of(), s.ok("%%java\n// only a comment"));
      assertEquals(List.of(), s.ok("%%java\nint z = 1; // a comment after a statement\n/* and a block */"));
      assertEquals(List.of("1"), Tiny.texts(s.ok("%%java\nz")));
    }
  }

  @Test
  void aTablesawTableShowsAsHtmlAndAnXChartAsPng() {
    try (Tiny.Session s = Tiny.open(dir)) {
      List<JsonNode> table = s.ok("%%java\n"
          + "Table.create(\"scores\", IntColumn.create(\"step\", 1, 2), DoubleColumn.create(\"reward\", 0.5, 0.75))");
      String html = table.get(0).path("text/html").asText();
      assertTrue(html.contains("<th>reward</th>") && html.contains("0.75"), html);

      List<JsonNode> chart = s.ok("%%java\nvar chart = new XYChartBuilder().width(300).height(200).title(\"rising\")"
          + ".build();\nchart.addSeries(\"r\", new double[] {1, 2, 3}, new double[] {0.1, 0.4, 0.9});\nchart");
      byte[] png = Base64.getMimeDecoder().decode(chart.get(0).path("image/png").asText());
      assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
      assertTrue(chart.get(0).path("text/plain").asText().startsWith("rising"), chart::toString);
    }
  }

  @Test
  void aCompileErrorNamesCellLineAndColumn() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%%java\nint ok = 1;");
      JsonNode error = s.error("%%java\nint a = 1;\nint b = \"text\";");
      assertEquals("CompileError", error.path("ename").asText());
      List<String> traceback = lines(error.path("traceback"));
      assertEquals("cell[2]:3:9: error: incompatible types: java.lang.String cannot be converted to int",
          traceback.get(0));
      assertEquals("  int b = \"text\";", traceback.get(1));
      assertEquals("          ^^^^^^", traceback.get(2));
      assertEquals(List.of("1"), Tiny.texts(s.ok("%%java\na")), "snippets before the error ran");
    }
  }

  @Test
  void anExceptionShowsItsMessageAndOnlyTheNotebooksFrames() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%%java\nint check(int n) {\n  if (n < 0) throw new IllegalArgumentException(\"negative: \" + n);\n"
          + "  return n;\n}");
      JsonNode error = s.error("%%java\nint fine = check(1);\ncheck(-2)");
      assertEquals("java.lang.IllegalArgumentException", error.path("ename").asText());
      assertEquals("java.lang.IllegalArgumentException: negative: -2", error.path("evalue").asText());
      List<String> traceback = lines(error.path("traceback"));
      assertEquals(List.of("java.lang.IllegalArgumentException: negative: -2", "\tat check(cell[1]:3)",
          "\tat cell code(cell[2]:3)"), traceback);
      assertFalse(traceback.toString().contains("dev.verity") || traceback.toString().contains("jdk.jshell"));
    }
  }

  @Test
  void aValueWhoseToStringThrowsFailsTheCellWithThatException() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%%java\nclass Odd {\n  public String toString() { throw new UnsupportedOperationException(\"no text\"); }\n}");
      JsonNode error = s.error("%%java\nnew Odd()");
      assertEquals("java.lang.UnsupportedOperationException: no text", error.path("evalue").asText());
      assertEquals("\tat Odd.toString(cell[1]:3)", lines(error.path("traceback")).get(1));
    }
  }

  @Test
  void aStackOverflowShowsTheTopFramesOnly() {
    try (Tiny.Session s = Tiny.open(dir)) {
      JsonNode error = s.error("%%java\nint down(int n) { return down(n + 1) + 1; }\ndown(0)");
      assertEquals("java.lang.StackOverflowError", error.path("ename").asText());
      List<String> traceback = lines(error.path("traceback"));
      assertEquals("\tat down(cell[1]:2)", traceback.get(1));
      assertEquals(22, traceback.size(), "headline, 20 frames, and how many more");
      assertTrue(traceback.get(21).matches("\t\\.\\.\\. \\d+ more frames of the notebook's code"), traceback.get(21));
      assertEquals(List.of("2"), Tiny.texts(s.ok("%%java\n1 + 1")), "the kernel goes on");
    }
  }

  @Test
  void anInterruptStopsAnEndlessLoopAndTheStateStays() throws Exception {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%%java\nint kept = 7;");
      CompletableFuture<List<KernelTestKit.Sent>> loop =
          CompletableFuture.supplyAsync(() -> s.kit().execute("%%java\nwhile (true) {}"));
      Thread.sleep(500);
      long asked = System.nanoTime();
      s.kit().request("interrupt_request", Map.of());
      JsonNode reply = KernelTestKit.only(loop.get(30, TimeUnit.SECONDS), "execute_reply").content();
      double latency = (System.nanoTime() - asked) / 1e9;
      assertEquals("Interrupted", reply.path("ename").asText(), reply::toString);
      assertTrue(latency < 5, "stopped in " + latency + " s");
      assertEquals(List.of("8"), Tiny.texts(s.ok("%%java\nkept + 1")));
    }
  }

  @Test
  void anOutOfMemoryErrorFailsTheCellAndTheKernelGoesOn() {
    try (Tiny.Session s = Tiny.open(dir)) {
      JsonNode error = s.error("%%java\nlong[] huge = new long[Integer.MAX_VALUE - 8];");
      assertEquals("java.lang.OutOfMemoryError", error.path("ename").asText(), error::toString);
      assertEquals(List.of("2"), Tiny.texts(s.ok("%%java\n1 + 1")));
    }
  }

  @Test
  void systemExitInACellFailsTheCellAndTheKernelAndItsStateGoOn() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%%java\nint kept = 7;\nvoid quit(int code) { System.exit(code); }");
      JsonNode error = s.error("%%java\nSystem.out.println(\"before\");\nquit(3);\nkept = 0;");
      assertEquals("java.lang.UnsupportedOperationException", error.path("ename").asText(), error::toString);
      assertTrue(error.path("evalue").asText().startsWith("java.lang.UnsupportedOperationException: System.exit(3)"
          + " would end the kernel and lose the session's results, so a cell cannot call it: return or throw"),
          error::toString);
      assertEquals(List.of("\tat quit(cell[1]:3)", "\tat cell code(cell[2]:3)"),
          lines(error.path("traceback")).subList(1, 3), "placed in the notebook's code");
      for (String exit : List.of("Runtime.getRuntime().exit(1)", "Runtime.getRuntime().halt(2)",
          "java.util.function.IntConsumer c = System::exit;\nc.accept(4)",
          "java.util.function.IntConsumer c = Runtime.getRuntime()::halt;\nc.accept(5)")) {
        String evalue = s.error("%%java\n" + exit).path("evalue").asText();
        assertTrue(evalue.contains("would end the kernel"), exit + ": " + evalue);
      }
      assertEquals(List.of("8"), Tiny.texts(s.ok("%%java\nkept + 1")), "the kernel goes on, its state whole");
      assertEquals(List.of("ok"), Tiny.texts(s.ok("%%java\nString exit(int n) { return \"ok\"; }\nexit(0)")),
          "a method of the cell's own called exit is left alone");
    }
  }

  @Test
  void completionInspectionAndIsCompleteAnswerInJava() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%%java\nString greeting = \"hi\";");
      String code = "%%java\nint n = 1;\ngreeting.toUpp";
      JsonNode complete = reply(s, "complete_request", Map.of("code", code, "cursor_pos", code.length()));
      assertEquals(List.of("toUpperCase("), strings(complete.path("matches")), complete::toString);
      assertEquals(code.length() - "toUpp".length(), complete.path("cursor_start").asInt());

      String call = "%%java\nMath.max(";
      JsonNode inspect = reply(s, "inspect_request", Map.of("code", call, "cursor_pos", call.length(),
          "detail_level", 0));
      assertTrue(inspect.path("data").path("text/plain").asText().contains("int Math.max(int a, int b)"),
          inspect::toString);

      JsonNode open = reply(s, "is_complete_request", Map.of("code", "%%java\nfor (int i = 0; i < 3; i++) {"));
      assertEquals("incomplete", open.path("status").asText());
      JsonNode done = reply(s, "is_complete_request", Map.of("code", "%%java\nint z = 1;"));
      assertEquals("complete", done.path("status").asText());
    }
  }

  @Test
  void javaCellsSeeTheSessionsNamesAndResultsAsTables() {
    try (Tiny.Session s = Tiny.open(dir)) {
      assertEquals(List.of("[]"), Tiny.texts(s.ok("%%java\nsession.tasks()")), "nothing declared yet");
      s.ok(Tiny.DECLARE);
      s.ok(Tiny.sft("warm", 3));
      s.ok(Tiny.rl("grpo", 1));
      s.ok("eval final: policy on add_test with greedy");
      assertEquals(List.of("[add, add_test] [policy] [correct] [explore, greedy] [warm, grpo]"),
          Tiny.texts(s.ok("%%java\nsession.tasks() + \" \" + session.models() + \" \" + session.rewards() + \" \""
              + " + session.samplings() + \" \" + session.stages()")));
      assertEquals(List.of("3"), Tiny.texts(s.ok("%%java\nsession.metrics(\"warm\").rowCount()")));
      String html = s.ok("%%java\nsession.evaluation(\"final\")").get(0).path("text/html").asText();
      assertTrue(html.contains("<th>accuracy</th>"), html);
      assertEquals(List.of("true"), Tiny.texts(s.ok("%%java\nsession.rollouts(\"grpo\", 2).rowCount() == 2")));
      JsonNode error = s.error("%%java\nsession.metrics(\"nope\")");
      assertEquals("java.lang.IllegalArgumentException: no stage 'nope' has run in this session; stages that ran:"
          + " [warm, grpo]", error.path("evalue").asText());
    }
  }

  @Test
  void classpathAddsAFolderOfClassesForJavaCells() throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/demo"));
    Files.writeString(sources.resolve("Greeter.java"),
        "package demo;\npublic class Greeter { public String hello() { return \"hello from a class folder\"; } }\n");
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.resolve("classes").toString(),
        sources.resolve("Greeter.java").toString());
    assertEquals(0, compiled);
    try (Tiny.Session s = Tiny.open(dir)) {
      JsonNode missing = s.error("%classpath nowhere.jar");
      assertTrue(missing.path("evalue").asText().startsWith("%classpath: " + dir.resolve("nowhere.jar")
          + " is neither a .jar file nor a folder of classes"), missing::toString);
      List<KernelTestKit.Sent> sent = s.kit().execute("%classpath classes\n%%java\nnew demo.Greeter().hello()");
      assertTrue(streamText(sent).contains("Java cells now see " + dir.resolve("classes")), sent::toString);
      assertEquals(List.of("hello from a class folder"), sent.stream().filter(m -> m.type().equals("display_data"))
          .map(m -> m.content().path("data").path("text/plain").asText()).toList());
    }
  }

  @Test
  void aDslCellStillRunsAsTheDsl() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%%java\nint x = 1;");
      List<JsonNode> shown = s.ok("reward correct = exact_answer()\n"
          + "check correct(prompt: \"1+1=\", response: \"2\", answer: \"2\") == 1");
      assertTrue(Tiny.texts(shown).get(0).startsWith("✓ passed"), shown::toString);
    }
  }

  private static JsonNode reply(Tiny.Session s, String type, Map<String, Object> content) {
    return s.kit().request(type, content).stream().filter(m -> m.channel().equals("reply")).findFirst()
        .orElseThrow().content();
  }

  private static String streamText(List<KernelTestKit.Sent> sent) {
    StringBuilder text = new StringBuilder();
    sent.stream().filter(m -> m.type().equals("stream")).forEach(m -> text.append(m.content().path("text").asText()));
    return text.toString();
  }

  private static List<String> lines(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    return lines(array);
  }
}
