package dev.verity.kernel.sweep;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Figures;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Done runs and sweeps written by hand (no training, so no engine starts): what {@code compare} and {@code sweep
 * --status} read, for tests of what they say about them. Each run has one sft step in metrics.csv and one
 * evaluation of add_test in eval.csv. (Test code of the cli package uses them too.)
 */
public final class HandRuns {
  private static final Manifest.Versions VERSIONS = new Manifest.Versions("test", "0", "0", "17");

  private HandRuns() {}

  /** A done run of {@code source} in a new directory under {@code folder}; returns its directory. */
  public static Path run(Path folder, String source, long seed, List<String> overrides, double accuracy)
      throws IOException {
    RunDirectory run = RunDirectory.create(folder, "exp");
    run.writeSource(source);
    run.start(RunSettings.of(seed, 1, "cpu()").withOverrides(overrides), VERSIONS);
    run.appendMetrics(StepMetrics.of("warm", 1).with(Metric.LOSS, 2.5).with(Metric.LR, 1e-3)
        .with(Metric.GRAD_NORM, 1.0).with(Metric.TOKENS_PER_S, 100).with(Metric.ELAPSED_S, 2));
    run.appendEval(new EvalReport("final", 1, "add_test", 1, new Figures(8, Map.of(Metric.ACCURACY, accuracy,
        Metric.PASS_AT_K, accuracy, Metric.RESPONSE_LEN_MEAN, 20.0, Metric.RESPONSE_LEN_P90, 24.0)), List.of()));
    run.finish(RunStatus.DONE);
    return run.path();
  }

  /** A done sweep of one variant under {@code parent}, seeds 1 to {@code seeds}; returns its directory. */
  public static Path sweep(Path parent, int seeds) throws IOException {
    String source = "experiment \"exp\" seed 1\n";
    List<RunEntry> entries = new ArrayList<>();
    List<Long> seedList = new ArrayList<>();
    for (long s = 1; s <= seeds; s++) {
      seedList.add(s);
      entries.add(new RunEntry("seed" + s, "default", s, List.of("seed=" + s), RunState.DONE, null, 0, null, null,
          null, null));
    }
    SweepRecord record = new SweepRecord("exp", parent.resolve("exp.verity").toString(),
        RunDirectory.sha256(source), List.of("verity", "sweep", "exp.verity"), "2026-12-04T20:00:00Z",
        new Grid(seedList, List.of()), new SweepRecord.Executor(SweepRecord.Executor.LOCAL, 1, 1, null, null, null,
        null, null), entries, List.of());
    Sweep sweep = Sweep.create(parent, record, source, Clock.systemUTC());
    for (RunEntry e : entries) {
      run(sweep.runFolder(e.id()), source, e.seed(), e.overrides(), 0.25 * e.seed());
    }
    return sweep.path();
  }
}
