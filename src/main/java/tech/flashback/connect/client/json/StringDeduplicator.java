package tech.flashback.connect.client.json;

import java.util.Arrays;
import java.util.Collection;

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

  /** Per kind k, at 2k and 2k + 1: its most recent distinct value and the one before. */
  private String[] recentValues = new String[0];

  private char[][] recentTexts = new char[0][];

  /** Values to keep, added at the first lookup. */
  private Collection<String> pendingKeeps;

  /**
   * How many distinct strings are kept: it grows when a lookup finds nothing to share, until the
   * table is full (then a miss leaves it as it is).
   */
  int size() {
    return size;
  }

  /** The value, or the equal one kept before; kept itself if new (rows read twice). */
  String dedupe(String value) {
    int length = value.length();
    if (length > MAX_LENGTH) {
      return value;
    }
    char[] chars = value.toCharArray();
    int hash = hash(chars, 0, length);
    int slot = find(hash, chars, 0, length);
    if (slot >= 0) {
      return slots[slot];
    }
    add(-slot - 1, hash, value, chars); // chars is a copy already
    return value;
  }

  /**
   * Keeps these values (a request's ids), so that equal text read later is these very strings. They
   * go into the table at the first lookup, so a response whose ids are never looked up (each row's
   * id is its own) does not pay for them.
   */
  void keep(Collection<String> values) {
    pendingKeeps = values.isEmpty() ? null : values;
  }

  private void addPendingKeeps() {
    Collection<String> values = pendingKeeps;
    pendingKeeps = null;
    while ((size + values.size()) * 2 > slots.length && slots.length < MAX_ENTRIES * 2) {
      rehash(); // grown once up front rather than step by step
    }
    values.forEach(this::dedupe);
  }

  /** The text of {@code chars[offset, offset + length)}, shared with equal earlier text. */
  String dedupe(char[] chars, int offset, int length) {
    if (length > MAX_LENGTH) {
      return new String(chars, offset, length);
    }
    int hash = hash(chars, offset, length);
    int slot = find(hash, chars, offset, length);
    if (slot >= 0) {
      return slots[slot];
    }
    String value = new String(chars, offset, length);
    add(-slot - 1, hash, value, Arrays.copyOfRange(chars, offset, offset + length));
    return value;
  }

  /**
   * As {@link #dedupe(char[], int, int)} for a value of one kind (a field, numbered from 0): its
   * two most recent distinct values are compared first, since a response's rows come grouped (a
   * bucket's rows together, its repos and hosts in turn) and the same few ids follow each other.
   */
  String dedupe(int kind, char[] chars, int offset, int length) {
    if (length > MAX_LENGTH) {
      return new String(chars, offset, length);
    }
    int at = recentOf(kind);
    if (sameText(recentTexts[at], chars, offset, length)) {
      return recentValues[at];
    }
    if (sameText(recentTexts[at + 1], chars, offset, length)) {
      swapRecent(at);
      return recentValues[at];
    }
    int hash = hash(chars, offset, length);
    int slot = find(hash, chars, offset, length);
    String value;
    char[] text;
    if (slot >= 0) {
      value = slots[slot];
      text = texts[slot];
    } else {
      value = new String(chars, offset, length);
      text = Arrays.copyOfRange(chars, offset, offset + length);
      add(-slot - 1, hash, value, text);
    }
    pushRecent(at, value, text);
    return value;
  }

  /** The slot holding this text, or {@code -(free slot) - 1} where it would go. */
  private int find(int hash, char[] chars, int offset, int length) {
    if (pendingKeeps != null) {
      addPendingKeeps(); // the first lookup: the kept values go in first
    }
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      if (slots[i] == null) {
        return -i - 1;
      }
      if (hashes[i] == hash && sameText(texts[i], chars, offset, length)) {
        return i;
      }
    }
  }

  private static boolean sameText(char[] text, char[] chars, int offset, int length) {
    return text != null && Arrays.equals(text, 0, text.length, chars, offset, offset + length);
  }

  /** The index in the recent arrays of this kind's most recent value (the one before at + 1). */
  private int recentOf(int kind) {
    int at = kind * 2;
    if (at + 1 >= recentValues.length) {
      recentValues = Arrays.copyOf(recentValues, at + 2);
      recentTexts = Arrays.copyOf(recentTexts, at + 2);
    }
    return at;
  }

  private void swapRecent(int at) {
    String value = recentValues[at + 1];
    char[] text = recentTexts[at + 1];
    recentValues[at + 1] = recentValues[at];
    recentTexts[at + 1] = recentTexts[at];
    recentValues[at] = value;
    recentTexts[at] = text;
  }

  private void pushRecent(int at, String value, char[] text) {
    recentValues[at + 1] = recentValues[at];
    recentTexts[at + 1] = recentTexts[at];
    recentValues[at] = value;
    recentTexts[at] = text;
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
