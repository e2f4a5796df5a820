package dev.verity.kernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --seeds} and {@code --set name=v1,v2}: the forms they take, what they refuse, and the runs they make. */
class GridTest {

  @Test
  void seedsAreACountARangeOrAList() {
    assertEquals(List.of(1L, 2L, 3L), Grid.seeds("3"));
    assertEquals(List.of(4L, 5L, 6L), Grid.seeds("4..6"));
    assertEquals(List.of(7L, 1L, 9L), Grid.seeds("7,1,9"));
  }

  @Test
  void badSeedsSayWhichFormsWork() {
    for (String bad : List.of("0", "6..4", "1,1", "a", "-2", "1..99999")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grid.seeds(bad), bad);
      assertTrue(e.getMessage().startsWith("--seeds " + bad) && e.getMessage().contains("a range such as 3..7"),
          e.getMessage());
    }
  }

  @Test
  void valuesSplitAtCommasOutsideBracketsAndQuotes() {
    Grid.Setting lr = Grid.setting("sft.lr=cosine(1e-3 -> 1e-4, warmup: 10),constant(3e-4)");
    assertEquals(List.of("cosine(1e-3 -> 1e-4, warmup: 10)", "constant(3e-4)"), lr.values());
    assertEquals(List.of("\"a,b\"", "c"), Grid.setting("x.name=\"a,b\", c").values());
  }

  @Test
  void theSeedIsNotASetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grid.setting("seed=1,2"));
    assertEquals("--set seed=1,2: a sweep sets the seed of each run itself: give --seeds 1,2 instead",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Grid.setting("rl.steps=20,,40"));
    assertThrows(IllegalArgumentException.class, () -> Grid.setting("rl.steps=20,20"));
    assertThrows(IllegalArgumentException.class, () -> Grid.setting("rl.steps"));
  }

  @Test
  void everyCombinationRunsWithEverySeed() {
    Grid grid = new Grid(List.of(1L, 2L), List.of(Grid.setting("rl.steps=20,40"), Grid.setting("add_test.count=16"),
        Grid.setting("kl.coef=0,0.01")));
    List<Grid.Variant> variants = grid.variants();
    assertEquals(List.of("rl.steps=20, kl.coef=0", "rl.steps=20, kl.coef=0.01", "rl.steps=40, kl.coef=0",
        "rl.steps=40, kl.coef=0.01"), variants.stream().map(Grid.Variant::label).toList());
    List<Grid.PlannedRun> runs = grid.runs();
    assertEquals(8, runs.size());
    Grid.PlannedRun first = runs.get(0);
    assertEquals("rl.steps=20,kl.coef=0_seed1", first.id());
    assertEquals(List.of("rl.steps=20", "add_test.count=16", "kl.coef=0", "seed=1"), first.overrides());
    assertEquals("rl.steps=40,kl.coef=0.01_seed2", runs.get(7).id());
  }

  @Test
  void aSweepOverSeedsAloneHasOneVariantNamedBySettingsOrDefault() {
    List<Grid.PlannedRun> runs = new Grid(List.of(3L, 4L), List.of(Grid.setting("sft.steps=20"))).runs();
    assertEquals(List.of("seed3", "seed4"), runs.stream().map(Grid.PlannedRun::id).toList());
    assertEquals("sft.steps=20", runs.get(0).variant());
    assertEquals(Grid.Variant.DEFAULT, new Grid(List.of(1L), List.of()).runs().get(0).variant());
  }

  @Test
  void withoutSeedsEachVariantRunsOnceWithTheFilesSeed() {
    List<Grid.PlannedRun> runs = new Grid(List.of(), List.of(Grid.setting("rl.algorithm=grpo(clip: 0.2),rloo()")))
        .runs();
    assertEquals(List.of("rl.algorithm=grpo-clip-0.2", "rl.algorithm=rloo"),
        runs.stream().map(Grid.PlannedRun::id).toList());
    assertEquals(List.of("rl.algorithm=grpo(clip: 0.2)"), runs.get(0).overrides());
  }
}
