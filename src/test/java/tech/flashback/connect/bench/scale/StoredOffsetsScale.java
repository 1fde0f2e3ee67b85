package tech.flashback.connect.bench.scale;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import tech.flashback.connect.TaskDriver;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.offset.MinuteOffset;
import tech.flashback.connect.offset.SourcePartition;

/**
 * A task starting over many stored offsets, read through Connect's own offset reader and JSON
 * converter from an in-memory backing store that Connect's own writer filled: the bytes and the
 * deserialization are a worker's; only the Kafka topic behind the store is left out. The limit is
 * the same {@code offsets(...)} read on its own.
 */
final class StoredOffsetsScale implements AutoCloseable {

  private static final String CONNECTOR = "flashback-bench";

  private final MemoryOffsetBackingStore store = new InMemoryStore();
  private final List<String> bucketIds;

  StoredOffsetsScale(List<String> bucketIds) throws Exception {
    this.bucketIds = List.copyOf(bucketIds);
    store.start();
    OffsetStorageWriter writer =
        new OffsetStorageWriter(store, CONNECTOR, converter(true), converter(false));
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
    for (String bucket : bucketIds) {
      writer.offset(partition(bucket), MinuteOffset.startingAt(minute).toMap());
    }
    writer.beginFlush(10, TimeUnit.SECONDS);
    writer.doFlush((error, ignored) -> {}).get(60, TimeUnit.SECONDS);
  }

  int offsets() {
    return bucketIds.size();
  }

  /** Starts a minute-stream task over every bucket: its offsets are read and streams built. */
  TaskDriver startTask(String apiUrl, String token) {
    Map<String, String> props = new HashMap<>();
    props.put("flashback.api.url", apiUrl);
    props.put("flashback.api.token", token);
    props.put("flashback.streams", "minute");
    props.put("flashback.task.bucket.ids", String.join(",", bucketIds));
    props.put("flashback.task.catalog.owner", "false");
    return TaskDriver.start(Time.SYSTEM, props, reader(), 1);
  }

  /** The read alone: what any task asking for these offsets pays. */
  int bareRead() {
    Collection<Map<String, Object>> partitions =
        bucketIds.stream().map(StoredOffsetsScale::partition).toList();
    try (OffsetStorageReaderImpl reader = reader()) {
      int found = reader.offsets(partitions).size();
      if (found != bucketIds.size()) {
        throw new IllegalStateException("read " + found + " of " + bucketIds.size() + " offsets");
      }
      return found;
    }
  }

  private OffsetStorageReaderImpl reader() {
    return new OffsetStorageReaderImpl(store, CONNECTOR, converter(true), converter(false));
  }

  private static Map<String, Object> partition(String bucket) {
    return SourcePartition.of(StreamKind.MINUTE, bucket).toMap();
  }

  /** The worker's internal converter: JSON without schemas. */
  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), isKey);
    return converter;
  }

  @Override
  public void close() {
    store.stop();
  }

  private static final class InMemoryStore extends MemoryOffsetBackingStore {
    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
      return Set.of();
    }
  }
}
