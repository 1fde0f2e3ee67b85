package tech.flashback.connect.offset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Reads the stored offsets of all of a task's partitions in one {@code offsets(...)} call (one
 * round trip however many buckets) and parses each by its stream's format. A stored offset that
 * cannot be read stops the task with a message naming the partition, rather than silently starting
 * that bucket over.
 */
public final class StoredOffsetLoader {

  private StoredOffsetLoader() {}

  /**
   * @return the typed offset of every partition that has one (see {@link StoredOffsets#parse})
   */
  public static Map<SourcePartition, Object> load(
      OffsetStorageReader reader, Collection<SourcePartition> partitions) {
    List<Map<String, Object>> maps = new ArrayList<>(partitions.size());
    for (SourcePartition partition : partitions) {
      maps.add(partition.toMap());
    }
    Map<Map<String, Object>, Map<String, Object>> stored = reader.offsets(maps);
    Map<SourcePartition, Object> typed = new HashMap<>();
    for (SourcePartition partition : partitions) {
      Map<String, Object> offset = stored == null ? null : stored.get(partition.toMap());
      if (offset != null) {
        typed.put(partition, parse(partition, offset));
      }
    }
    return typed;
  }

  private static Object parse(SourcePartition partition, Map<String, Object> offset) {
    try {
      return StoredOffsets.parse(partition, offset);
    } catch (IllegalArgumentException e) {
      throw new ConnectException(
          "The stored offset of source partition "
              + partition.toMap()
              + " cannot be read: "
              + e.getMessage()
              + ". Rewrite or delete it with the Connect offsets REST API.",
          e);
    }
  }
}
