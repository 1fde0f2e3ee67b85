package tech.flashback.connect.simulator;

import java.nio.charset.StandardCharsets;

/**
 * Stateless 64-bit hashing (SplitMix64's finaliser). Every synthetic value is a pure function of
 * the seed and the thing it describes, so any row can be recomputed without replaying a sequence.
 */
final class SplitMix64 {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private SplitMix64() {}

  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long hash(long a, long b) {
    return mix(mix(a + GOLDEN_GAMMA) + b * GOLDEN_GAMMA);
  }

  static long hash(long a, long b, long c) {
    return hash(hash(a, b), c);
  }

  static long hash(long a, long b, long c, long d) {
    return hash(hash(hash(a, b), c), d);
  }

  /** FNV-1a over the UTF-8 bytes, then mixed: a 64-bit key for an id string. */
  static long hash(long seed, String text) {
    long h = 0xCBF29CE484222325L ^ seed;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /** A uniform double in [0, 1) from the top 53 bits. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  /** A uniform-enough long in [0, bound). */
  static long below(long hash, long bound) {
    return (hash >>> 1) % bound;
  }
}
