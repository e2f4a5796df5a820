package dev.verity.engine.tokenizer;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A character-level tokenizer: ids 0..2 are PAD, BOS and EOS, then one id per character of the alphabet in code
 * point order, so the same alphabet always gives the same ids.
 */
public final class CharTokenizer {
  public static final int PAD = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;
  private static final int SPECIALS = 3;

  private final String alphabet;
  private final int[] idOfChar; // indexed by char; -1 where absent

  private CharTokenizer(String alphabet) {
    this.alphabet = alphabet;
    this.idOfChar = new int[alphabet.isEmpty() ? 0 : alphabet.chars().max().getAsInt() + 1];
    Arrays.fill(idOfChar, -1);
    for (int i = 0; i < alphabet.length(); i++) {
      idOfChar[alphabet.charAt(i)] = SPECIALS + i;
    }
  }

  /** A tokenizer for the distinct characters of {@code characters} (order and repeats do not matter). */
  public static CharTokenizer of(String characters) {
    TreeSet<Character> distinct = new TreeSet<>();
    for (char c : characters.toCharArray()) {
      distinct.add(c);
    }
    StringBuilder sorted = new StringBuilder();
    distinct.forEach(sorted::append);
    return new CharTokenizer(sorted.toString());
  }

  /** The distinct characters this tokenizer knows, in id order. */
  public String alphabet() {
    return alphabet;
  }

  public int vocabSize() {
    return SPECIALS + alphabet.length();
  }

  public boolean canEncode(String text) {
    return firstUnknown(text) < 0;
  }

  /** The index of the first character outside the alphabet, or -1. */
  public int firstUnknown(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= idOfChar.length || idOfChar[c] < 0) {
        return i;
      }
    }
    return -1;
  }

  /** The ids of {@code text}, without markers. */
  public int[] encode(String text) {
    int[] ids = new int[text.length()];
    for (int i = 0; i < ids.length; i++) {
      char c = text.charAt(i);
      if (c >= idOfChar.length || idOfChar[c] < 0) {
        // the checker refuses a model reading another task's alphabet, so what is left is a task whose own
        // alphabet() misses a character of what it generates
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        throw new IllegalArgumentException("character '" + c + "' at " + i + " of \"" + shown + "\" is not in the"
            + " model's alphabet \"" + alphabet + "\": a task's alphabet() must hold every character of its prompts,"
            + " traces and answers");
      }
      ids[i] = idOfChar[c];
    }
    return ids;
  }

  /** The text of {@code ids}, stopping at the first EOS and skipping PAD and BOS. */
  public String decode(int[] ids) {
    return decode(ids, 0, ids.length);
  }

  public String decode(int[] ids, int from, int to) {
    StringBuilder text = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      int id = ids[i];
      if (id == EOS) {
        break;
      }
      if (id >= SPECIALS && id < vocabSize()) {
        text.append(alphabet.charAt(id - SPECIALS));
      }
    }
    return text.toString();
  }
}
