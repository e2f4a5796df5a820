package dev.verity.engine.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.model.Policy;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.tokenizer.CharTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final CharTokenizer TOKENIZER = CharTokenizer.of("0123456789+=|>");
  private static Policy policy;

  @BeforeAll
  static void model() {
    policy = Policy.initialise(new ModelSpec(2, 2, 32, 48), TOKENIZER, 1, Device.cpu());
  }

  @AfterAll
  static void close() {
    policy.close();
  }

  private static List<int[]> prompts(String... texts) {
    List<int[]> ids = new ArrayList<>();
    for (String t : texts) {
      ids.add(TOKENIZER.encode(t));
    }
    return ids;
  }

  private static List<SplittableRandom> streams(int n, long step) {
    return IntStream.range(0, n).mapToObj(i -> Seeds.stream(7, 0, step, i, 0)).collect(Collectors.toList());
  }

  @Test
  void neverEmitsPaddingOrBeginMarkersWhichDecodingWouldDropSilently() {
    // An untrained model at a high temperature spreads its mass over every id, PAD and BOS included; a response
    // holding them would decode to a different string from the tokens trained on.
    List<int[]> prompts = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      prompts.add(TOKENIZER.encode("12+3="));
    }
    for (DecodeOptions options : new DecodeOptions[] {
      DecodeOptions.sampled(5.0, 16), new DecodeOptions(5.0, 0, 0.99, 16, 0), DecodeOptions.greedy(16)
    }) {
      Generation g = new Sampler(policy).generate(prompts, streams(64, 3), options, true);
      for (int[] response : g.responses()) {
        for (int id : response) {
          assertTrue(id != CharTokenizer.PAD && id != CharTokenizer.BOS, options + ": sampled id " + id);
        }
      }
    }
  }

  @Test
  void cachedAndUncachedGenerationGiveIdenticalTokens() {
    List<int[]> prompts = prompts("12+3=", "4821+357=", "9=", "55+55=", "1+1=", "123456+654321=");
    for (double temperature : new double[] {0, 1.0}) {
      Generation cached = new Sampler(policy).generate(prompts, streams(6, 1), DecodeOptions.sampled(temperature, 20), true);
      Generation plain = new Sampler(policy).generate(prompts, streams(6, 1), DecodeOptions.sampled(temperature, 20), false);
      for (int i = 0; i < prompts.size(); i++) {
        assertArrayEquals(plain.responses()[i], cached.responses()[i], "sequence " + i + " at T=" + temperature);
      }
    }
  }

  @Test
  void aSequenceIsTheSameAloneAndInABatch() {
    List<int[]> batch = prompts("4821+357=", "9=", "123456+654321=");
    Generation together = new Sampler(policy).generate(batch, streams(3, 2), DecodeOptions.sampled(1.0, 16), true);
    Generation alone =
        new Sampler(policy)
            .generate(prompts("9="), List.of(Seeds.stream(7, 0, 2, 1, 0)), DecodeOptions.sampled(1.0, 16), true);
    assertArrayEquals(alone.responses()[0], together.responses()[1]);
  }

  @Test
  void sameStreamsGiveSameSamplesAndOtherStreamsDiffer() {
    List<int[]> prompts = prompts("12+3=", "4821+357=");
    Generation a = new Sampler(policy).generate(prompts, streams(2, 3), DecodeOptions.sampled(1.0, 24), true);
    Generation b = new Sampler(policy).generate(prompts, streams(2, 3), DecodeOptions.sampled(1.0, 24), true);
    Generation c = new Sampler(policy).generate(prompts, streams(2, 4), DecodeOptions.sampled(1.0, 24), true);
    assertArrayEquals(a.responses()[0], b.responses()[0]);
    assertArrayEquals(a.responses()[1], b.responses()[1]);
    assertFalse(
        java.util.Arrays.equals(a.responses()[0], c.responses()[0])
            && java.util.Arrays.equals(a.responses()[1], c.responses()[1]));
  }

  @Test
  void lengthLimitTruncatesAndTopKOneIsGreedy() {
    List<int[]> prompts = prompts("12+3=", "77+1=");
    Generation greedy = new Sampler(policy).generate(prompts, streams(2, 5), DecodeOptions.greedy(5), true);
    Generation topOne = new Sampler(policy).generate(prompts, streams(2, 5), new DecodeOptions(1.0, 1, 1, 5, 0), true);
    for (int i = 0; i < 2; i++) {
      assertTrue(greedy.responses()[i].length <= 5);
      assertEquals(greedy.responses()[i].length == 5 && greedy.truncated()[i], greedy.truncated()[i]);
      assertArrayEquals(greedy.responses()[i], topOne.responses()[i]);
    }
    assertTrue(greedy.entropy() > 0);
  }

  @Test
  void teacherForcedLogProbsMatchWhatTheSamplerSaw() {
    List<int[]> prompts = prompts("12+3=", "4821+357=", "9=");
    Generation g = new Sampler(policy).generate(prompts, streams(3, 9), DecodeOptions.sampled(1.0, 12), true);
    try (ai.djl.ndarray.NDManager step = policy.newStepManager()) {
      dev.verity.engine.train.SequenceBatch batch =
          new dev.verity.engine.train.SequenceBatch(step, prompts, List.of(g.responses()));
      float[] perSequence =
          batch.responseLogProbs(policy.transformer().logits(batch.inputs)).sum(new int[] {1}).toFloatArray();
      for (int i = 0; i < 3; i++) {
        assertEquals(g.logProbs()[i], perSequence[i], 1e-3, "sequence " + i);
      }
    }
  }
}
