package tech.flashback.connect.bench.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Repeated timings of one operation: the first (cold: classes loaded, JIT not warm, connections
 * new) and the median and maximum of the repeats after it.
 */
record Timings(Duration first, Duration median, Duration max) {

  interface Operation {
    void run() throws Exception;
  }

  static Timings of(int runs, Operation operation) throws Exception {
    List<Duration> durations = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      operation.run();
      durations.add(Duration.ofNanos(System.nanoTime() - start));
    }
    Duration first = durations.get(0);
    List<Duration> warm = new ArrayList<>(durations.subList(1, durations.size()));
    Collections.sort(warm);
    return new Timings(first, warm.get(warm.size() / 2), warm.get(warm.size() - 1));
  }

  /** The slowest of all runs, cold one included: what the target is judged on. */
  Duration worst() {
    return first.compareTo(max) > 0 ? first : max;
  }
}
