package tech.flashback.connect.client.json;

import java.util.Arrays;

/**
 * Shares equal short strings within one response: bucket, repo and host ids repeat on every row,
 * and keeping one copy of each makes a large window's rows several times smaller in memory. Text
 * still in the parser's buffer is looked up before a {@code String} is made, so a repeated id costs
 * no allocation at all.
 */
final class StringDeduplicator {

  private static final int MAX_LENGTH = 64;
  private static final int MAX_ENTRIES = 16_384;
  private static final int INITIAL_SLOTS = 64;
  private static final int LANES = 4;

  /**
   * Open addressing with linear probing, kept at most half full; hashes[i] and texts[i] are
   * slots[i]'s hash and characters (compared with {@link Arrays#equals}, which the JIT vectorizes).
   */
  private String[] slots = new String[INITIAL_SLOTS];

  private int[] hashes = new int[INITIAL_SLOTS];
  private char[][] texts = new char[INITIAL_SLOTS][];
  private int size;

  /**
   * How many distinct strings are kept: it grows when a lookup finds nothing to share, until the
   * table is full (then a miss leaves it as it is).
   */
  int size() {
    return size;
  }

  String dedupe(String value) {
    int length = value.length();
    if (length > MAX_LENGTH) {
      return value;
    }
    char[] chars = value.toCharArray(); // only rows read twice come here
    return dedupe(chars, 0, length, value);
  }

  /** The text of {@code chars[offset, offset + length)}, shared with equal earlier text. */
  String dedupe(char[] chars, int offset, int length) {
    if (length > MAX_LENGTH) {
      return new String(chars, offset, length);
    }
    return dedupe(chars, offset, length, null);
  }

  private String dedupe(char[] chars, int offset, int length, String made) {
    int hash = hash(chars, offset, length);
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      String existing = slots[i];
      if (existing == null) {
        String value = made != null ? made : new String(chars, offset, length);
        add(i, hash, value, Arrays.copyOfRange(chars, offset, offset + length));
        return value;
      }
      char[] text = texts[i];
      if (hashes[i] == hash
          && Arrays.equals(text, 0, text.length, chars, offset, offset + length)) {
        return existing;
      }
    }
  }

  /**
   * String.hashCode's polynomial over four interleaved lanes, so the multiplications do not wait
   * for each other: ids are long (UUIDs, host names) and this runs for every text value.
   */
  private static int hash(char[] chars, int offset, int length) {
    int h0 = 0;
    int h1 = 0;
    int h2 = 0;
    int h3 = 0;
    int i = offset;
    int end = offset + length;
    for (; i + LANES <= end; i += LANES) {
      h0 = 31 * h0 + chars[i];
      h1 = 31 * h1 + chars[i + 1];
      h2 = 31 * h2 + chars[i + 2];
      h3 = 31 * h3 + chars[i + 3];
    }
    int h = ((h0 * 31 + h1) * 31 + h2) * 31 + h3;
    for (; i < end; i++) {
      h = 31 * h + chars[i];
    }
    return h ^ (h >>> 16);
  }

  private void add(int slot, int hash, String value, char[] text) {
    if (size >= MAX_ENTRIES) {
      return;
    }
    slots[slot] = value;
    hashes[slot] = hash;
    texts[slot] = text;
    size++;
    if (size * 2 > slots.length) {
      rehash();
    }
  }

  private void rehash() {
    String[] oldSlots = slots;
    int[] oldHashes = hashes;
    char[][] oldTexts = texts;
    slots = new String[oldSlots.length * 2];
    hashes = new int[slots.length];
    texts = new char[slots.length][];
    int mask = slots.length - 1;
    for (int j = 0; j < oldSlots.length; j++) {
      if (oldSlots[j] != null) {
        int i = oldHashes[j] & mask;
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = oldSlots[j];
        hashes[i] = oldHashes[j];
        texts[i] = oldTexts[j];
      }
    }
  }
}
