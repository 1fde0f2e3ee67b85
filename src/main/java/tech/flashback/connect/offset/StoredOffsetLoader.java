package tech.flashback.connect.offset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Reads the stored offsets of all of a task's partitions in one {@code offsets(...)} call (one
 * round trip however many buckets) and parses each by its stream's format. A bucket partition
 * stored with its keys in the older order is found too; the current order wins when both exist. A
 * stored offset that cannot be read stops the task with a message naming the partition, rather than
 * silently starting that bucket over.
 */
public final class StoredOffsetLoader {

  private StoredOffsetLoader() {}

  /**
   * @return the typed offset of every partition that has one (see {@link StoredOffsets#parse})
   */
  public static Map<SourcePartition, Object> load(
      OffsetStorageReader reader, Collection<SourcePartition> partitions) {
    List<Map<String, Object>> maps = new ArrayList<>(partitions.size() * 2);
    Map<SourcePartition, Map<String, Object>> legacyKeys = new HashMap<>();
    for (SourcePartition partition : partitions) {
      maps.add(partition.toMap());
      if (partition.bucketId() != null) {
        LegacyOrderKey legacy = new LegacyOrderKey(partition);
        legacyKeys.put(partition, legacy);
        maps.add(legacy);
      }
    }
    Map<Map<String, Object>, Map<String, Object>> stored = reader.offsets(maps);
    Map<SourcePartition, Object> typed = new HashMap<>();
    for (SourcePartition partition : partitions) {
      Map<String, Object> offset = null;
      if (stored != null) {
        offset = stored.get(partition.toMap());
        if (offset == null && legacyKeys.containsKey(partition)) {
          offset = stored.get(legacyKeys.get(partition));
        }
      }
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

  /**
   * A bucket partition with its keys in the order {@code stream}, {@code bucket}, as versions that
   * built partitions with {@code Map.of} stored them on JVMs where it iterated that way (Connect
   * finds offsets by the serialized key's bytes, so the order matters), and as operators may write
   * them through the offsets REST API. Equal only to itself, so the reader's answer, keyed by the
   * maps it was asked for, keeps it apart from the same partition in the current order.
   */
  private static final class LegacyOrderKey extends LinkedHashMap<String, Object> {

    LegacyOrderKey(SourcePartition partition) {
      put(SourcePartition.STREAM, partition.stream().streamName());
      put(SourcePartition.BUCKET, partition.bucketId());
    }

    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }
}
