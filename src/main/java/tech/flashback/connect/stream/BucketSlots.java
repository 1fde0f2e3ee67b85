package tech.flashback.connect.stream;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The task's buckets for the totals stream, in id order (the order they are asked in), each with
 * the last slot emitted and whether a row is awaited from the request in flight. Addressed by
 * index, so that a poll over thousands of buckets and the rows of a response cost one hash lookup
 * per row and none per bucket.
 */
final class BucketSlots {

  private final String[] ids;
  private final Instant[] lastSlots;
  private final boolean[] awaited;
  private final Map<String, Integer> indexes = new HashMap<>();

  /**
   * @param startSlots every bucket with its last emitted slot, or {@code null}
   */
  BucketSlots(Map<String, Instant> startSlots) {
    ids = startSlots.keySet().stream().sorted().toArray(String[]::new);
    lastSlots = new Instant[ids.length];
    awaited = new boolean[ids.length];
    for (int i = 0; i < ids.length; i++) {
      indexes.put(ids[i], i);
      lastSlots[i] = startSlots.get(ids[i]);
    }
  }

  int size() {
    return ids.length;
  }

  String id(int index) {
    return ids[index];
  }

  /** Whether the bucket has not been emitted for this slot yet. */
  boolean isBehind(int index, Instant slot) {
    Instant last = lastSlots[index];
    return last == null || last.isBefore(slot);
  }

  void emitted(int index, Instant slot) {
    lastSlots[index] = slot;
  }

  /** From now on a row of each of these buckets is awaited (no other). */
  void await(int[] indexes) {
    Arrays.fill(awaited, false);
    for (int index : indexes) {
      awaited[index] = true;
    }
  }

  /** No row of this bucket is awaited any more (it was refused). */
  void stopAwaiting(String id) {
    Integer index = indexes.get(id);
    if (index != null) {
      awaited[index] = false;
    }
  }

  /**
   * The index of the bucket of a row if its row was awaited, which it then no longer is; -1 for a
   * bucket not asked for or whose row came already.
   */
  int takeAwaited(String id) {
    Integer index = indexes.get(id);
    if (index == null || !awaited[index]) {
      return -1;
    }
    awaited[index] = false;
    return index;
  }
}
