package dev.verity.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharTokenizerTest {
  private final CharTokenizer tokenizer = CharTokenizer.of("0123456789+=|>");

  @Test
  void encodeDecodeRoundTrips() {
    String text = "4821+357=1+7+0=8|>5178";
    assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
  }

  @Test
  void specialsComeFirstAndTheAlphabetIsSortedAndDistinct() {
    CharTokenizer shuffled = CharTokenizer.of(">|=+9876543210 0 9");
    assertEquals(" +0123456789=>|", shuffled.alphabet());
    assertEquals(3 + 15, shuffled.vocabSize());
    assertEquals(3, shuffled.encode(" ")[0]);
  }

  @Test
  void decodeStopsAtEndMarkerAndSkipsPaddingAndBos() {
    int[] ids = tokenizer.encode("42");
    int[] withMarkers = {CharTokenizer.BOS, ids[0], CharTokenizer.PAD, ids[1], CharTokenizer.EOS, ids[0]};
    assertEquals("42", tokenizer.decode(withMarkers));
  }

  @Test
  void unknownCharacterIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("12x"));
    assertTrue(e.getMessage().startsWith("character 'x' at 2 of \"12x\" is not in the model's alphabet"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("a task's alphabet() must hold every character of its prompts, traces and"
        + " answers"), e.getMessage());
    assertEquals(2, tokenizer.firstUnknown("12x"));
    assertEquals(-1, tokenizer.firstUnknown("12"));
  }

  @Test
  void sameAlphabetGivesSameIds() {
    assertArrayEquals(
        CharTokenizer.of("=+0123456789").encode("12+3="), CharTokenizer.of("0123456789+=").encode("12+3="));
  }
}
