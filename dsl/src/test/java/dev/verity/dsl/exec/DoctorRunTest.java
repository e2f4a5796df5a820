package dev.verity.dsl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.dsl.Overrides;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor on a real RL stage: an untrained tiny model on six-digit addition gets every sample of every prompt
 * wrong, so no group has reward spread; the doctor says so once, live and in doctor.jsonl, and the stage's
 * numbers are the same with it off.
 */
class DoctorRunTest {
  private static String source(String doctor) {
    return """
        experiment "hopeless" seed 5
        task add = addition(digits: 6)
        model policy = gpt(layers: 1, heads: 2, dim: 16, context: 32)
        rl tune: policy on add {
          reward: exact_answer()
          sampling: sample(per_prompt: 2, max_tokens: 8)
          prompts: 4
          steps: 12
          DOCTOR
        }
        """.replace("DOCTOR", doctor);
  }

  @TempDir Path dir;

  /** What a run showed and recorded. */
  private record Ran(Outcome outcome, List<Finding> shown, List<Finding> recorded, List<StepMetrics> metrics) {}

  private Ran run(String name, String source) throws IOException {
    RunSettings settings = RunSettings.of(5, TorchRuntime.threads(), "cpu");
    Recorder recorder = Recorder.start(dir.resolve(name), "hopeless", Clock.systemDefaultZone(),
        Optional.of(source), settings);
    List<Finding> shown = new ArrayList<>();
    try (Session session = new Session(dir, Optional.of(recorder))) {
      Outcome outcome = Cells.run(session, source, "hopeless.verity", Overrides.NONE, new ExecutionListener() {
        @Override
        public void finding(Finding finding) {
          shown.add(finding);
        }
      });
      return new Ran(outcome, shown, recorder.directory().records().findings(), recorder.directory().records().metrics());
    }
  }

  @Test
  void aHopelessTaskGetsTheZeroStdFindingAndOffSilencesIt() throws IOException {
    Ran warned = run("warned", source(""));
    assertInstanceOf(Outcome.Done.class, warned.outcome(), () -> warned.outcome().toString());
    List<String> rules = warned.shown().stream().map(Finding::rule).toList();
    assertTrue(rules.contains("zero_std"), rules.toString());
    assertEquals(warned.shown(), warned.recorded(), "each finding shown is a line of doctor.jsonl");
    Finding zeroStd = warned.shown().get(rules.indexOf("zero_std"));
    assertEquals("tune", zeroStd.stage());
    assertEquals(9, zeroStd.step(), "after the first window of 10 steps");
    assertTrue(zeroStd.message().contains("too hard"), zeroStd.message());
    String summary = (String) warned.outcome().outputs().get(0);
    assertTrue(summary.contains("; doctor: " + rules.size() + " finding"), summary);
    assertTrue(summary.contains("zero_std"), summary);

    Ran silent = run("silent", source("doctor: off"));
    assertInstanceOf(Outcome.Done.class, silent.outcome(), () -> silent.outcome().toString());
    assertEquals(List.of(), silent.shown());
    assertEquals(List.of(), silent.recorded());
    assertTrue(!((String) silent.outcome().outputs().get(0)).contains("doctor"));
    assertEquals(untimed(warned.metrics()), untimed(silent.metrics()), "the doctor changes no number of the run");
  }

  private static List<String> untimed(List<StepMetrics> rows) {
    return rows.stream().map(m -> m.with(dev.verity.engine.metric.Metric.TOKENS_PER_S, 0)
        .with(dev.verity.engine.metric.Metric.ELAPSED_S, 0).toString()).toList();
  }
}
