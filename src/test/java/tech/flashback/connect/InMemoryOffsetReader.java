package tech.flashback.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Offsets as Connect would hand them back, counting how often the task asks. */
final class InMemoryOffsetReader implements OffsetStorageReader {

  final Map<Map<String, ?>, Map<String, Object>> stored = new HashMap<>();
  final AtomicInteger calls = new AtomicInteger();

  @Override
  public <T> Map<String, Object> offset(Map<String, T> partition) {
    calls.incrementAndGet();
    return stored.get(partition);
  }

  @Override
  public <T> Map<Map<String, T>, Map<String, Object>> offsets(
      Collection<Map<String, T>> partitions) {
    calls.incrementAndGet();
    Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
    for (Map<String, T> partition : partitions) {
      if (stored.containsKey(partition)) {
        found.put(partition, stored.get(partition));
      }
    }
    return found;
  }
}
