package dev.verity.kernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.kernel.sweep.SweepDriver.Refused;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a sweep's options become its grid and its executor, and what they refuse, before anything is written. */
class SweepRequestTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private final List<String> notes = new ArrayList<>();

  @Test
  void localJobsShareTheCores() throws Refused {
    SweepOptions o = new SweepOptions();
    o.jobs = 2;
    SweepRecord.Executor e = SweepRequest.executor(o, notes::add);
    assertEquals(SweepRecord.Executor.LOCAL, e.kind());
    assertEquals(2, e.jobs());
    assertEquals(Math.max(1, CORES / 2), e.threads());
    assertEquals(2 * e.threads() > CORES ? 1 : 0, notes.size(), notes.toString());
  }

  @Test
  void moreThreadsThanCoresIsAllowedWithANote() throws Refused {
    SweepOptions o = new SweepOptions();
    o.jobs = 2;
    o.threads = CORES;
    SweepRecord.Executor e = SweepRequest.executor(o, notes::add);
    assertEquals(CORES, e.threads());
    assertEquals(List.of("note: 2 runs at once × " + CORES + " threads each = " + 2 * CORES + " threads on " + CORES
        + " cores; each run will be slower than alone"), notes);
  }

  @Test
  void slurmRunsGetTheirCpusAsThreads() throws Refused {
    SweepOptions o = new SweepOptions();
    o.on = SweepOptions.On.slurm;
    o.cpusPerTask = 4;
    o.partition = "debug";
    SweepRecord.Executor e = SweepRequest.executor(o, notes::add);
    assertEquals(SweepRecord.Executor.SLURM, e.kind());
    assertEquals(4, e.threads());
    assertEquals(4, e.cpusPerTask());
    assertEquals("debug", e.partition());
    assertNull(e.jobs());

    o.cpusPerTask = null;
    o.threads = 3;
    assertEquals(3, SweepRequest.executor(o, notes::add).cpusPerTask()); // each task asks for its threads' cores
    assertEquals(List.of(), notes);
  }

  @Test
  void countsBelowOneAreRefusedByName() {
    for (String option : List.of("--jobs", "--threads", "--cpus-per-task")) {
      SweepOptions o = new SweepOptions();
      o.on = SweepOptions.On.slurm;
      switch (option) {
        case "--jobs" -> o.jobs = 0;
        case "--threads" -> o.threads = -1;
        default -> o.cpusPerTask = 0;
      }
      Refused r = assertThrows(Refused.class, () -> SweepRequest.executor(o, notes::add), option);
      assertTrue(r.getMessage().startsWith(option + " ") && r.getMessage().endsWith(": give 1 or more"),
          r.getMessage());
    }
  }

  @Test
  void sbatchOptionsNeedSlurm() {
    SweepOptions o = new SweepOptions();
    o.gres = "gpu:1";
    Refused r = assertThrows(Refused.class, () -> SweepRequest.executor(o, notes::add));
    assertEquals("--partition, --time, --cpus-per-task and --gres are sbatch options: add --on slurm", r.getMessage());
  }

  @Test
  void theGridTakesSeedsAndSettings() throws Refused {
    SweepOptions o = new SweepOptions();
    o.seeds = "3";
    o.sets.add("rl.lr=1e-4,3e-4");
    Grid grid = SweepRequest.grid(o);
    assertEquals(List.of(1L, 2L, 3L), grid.seeds());
    assertEquals(6, grid.runs().size());

    o.sets.add("rl.lr=1e-3");
    Refused twice = assertThrows(Refused.class, () -> SweepRequest.grid(o));
    assertTrue(twice.getMessage().startsWith("--set rl.lr is given twice"), twice.getMessage());

    o.sets.clear();
    o.seeds = "6..4";
    Refused seeds = assertThrows(Refused.class, () -> SweepRequest.grid(o));
    assertTrue(seeds.getMessage().startsWith("--seeds 6..4"), seeds.getMessage());
  }
}
