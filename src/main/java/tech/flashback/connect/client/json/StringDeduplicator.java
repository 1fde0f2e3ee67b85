package tech.flashback.connect.client.json;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal short strings within one response: bucket, repo and host ids repeat on every row,
 * and keeping one copy of each makes a large window's rows several times smaller in memory.
 */
final class StringDeduplicator {

  private static final int MAX_LENGTH = 64;
  private static final int MAX_ENTRIES = 16_384;

  private final Map<String, String> seen = new HashMap<>();

  String dedupe(String value) {
    if (value.length() > MAX_LENGTH) {
      return value;
    }
    String existing = seen.get(value);
    if (existing != null) {
      return existing;
    }
    if (seen.size() < MAX_ENTRIES) {
      seen.put(value, value);
    }
    return value;
  }
}
