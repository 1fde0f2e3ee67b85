package tech.flashback.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.flashback.connect.config.StreamKind;

/**
 * Connect finds a stored offset by the exact bytes of its serialized partition, so the order of the
 * partition map's keys is part of the key. {@code Map.of} iterates in an order that changes from
 * one JVM to the next: a worker that restarts may look offsets up under other bytes than it stored
 * them with, and Connect itself (offsets REST API, reset) reads partitions back as a {@code
 * HashMap}, in the order {@code bucket}, {@code stream}.
 */
class PartitionKeyOrderTest {

  private static final String CONNECTOR = "flashback";
  private static final Instant MINUTE = Instant.parse("2024-02-01T10:15:00Z");
  private static final SourcePartition PARTITION = SourcePartition.of(StreamKind.MINUTE, "b-1");

  @ParameterizedTest(name = "stored with keys in the order {0}")
  @ValueSource(strings = {"stream,bucket", "bucket,stream"})
  void storedOffsetsAreFoundWhateverKeyOrderTheyWereWrittenIn(String order) throws Exception {
    Map<SourcePartition, Object> loaded = loadFrom(Map.of(order, MinuteOffset.startingAt(MINUTE)));

    assertThat(loaded).containsEntry(PARTITION, MinuteOffset.startingAt(MINUTE));
  }

  @Test
  void theCurrentOrderWinsOverTheOlderOne() throws Exception {
    Map<SourcePartition, Object> loaded =
        loadFrom(
            Map.of(
                "stream,bucket", MinuteOffset.startingAt(MINUTE),
                "bucket,stream", MinuteOffset.startingAt(MINUTE.plusSeconds(60))));

    assertThat(loaded).containsEntry(PARTITION, MinuteOffset.startingAt(MINUTE.plusSeconds(60)));
  }

  /** Loads {@link #PARTITION} from a real Connect reader over offsets stored by key order. */
  private static Map<SourcePartition, Object> loadFrom(Map<String, MinuteOffset> byKeyOrder)
      throws Exception {
    Map<ByteBuffer, ByteBuffer> data = new HashMap<>();
    byKeyOrder.forEach(
        (order, offset) -> {
          Map<String, Object> storedPartition = new LinkedHashMap<>();
          for (String key : order.split(",")) {
            storedPartition.put(key, key.equals("stream") ? "minute" : "b-1");
          }
          data.put(
              ByteBuffer.wrap(KEYS.fromConnectData(CONNECTOR, null, key(storedPartition))),
              ByteBuffer.wrap(VALUES.fromConnectData(CONNECTOR, null, offset.toMap())));
        });
    MemoryOffsetBackingStore store = new InMemoryStore();
    store.start();
    try {
      store.set(data, null).get(10, TimeUnit.SECONDS);
      OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(store, CONNECTOR, KEYS, VALUES);
      return StoredOffsetLoader.load(reader, List.of(PARTITION));
    } finally {
      store.stop();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"minute", "node-daily", "bucket-totals"})
  void partitionsAreWrittenUnderTheKeyConnectReadsThemBackAs(String stream) {
    Map<String, Object> written = SourcePartition.of(StreamKind.fromName(stream), "b-1").toMap();
    byte[] bytes = KEYS.fromConnectData(CONNECTOR, null, key(written));
    Object readBack = KEYS.toConnectData(CONNECTOR, bytes).value();

    assertThat(KEYS.fromConnectData(CONNECTOR, null, readBack)).isEqualTo(bytes);
    assertThat(written.keySet()).containsExactly("bucket", "stream");
  }

  private static List<Object> key(Map<String, Object> partition) {
    return List.of(CONNECTOR, partition);
  }

  /** Connect's internal key and value converter: JSON without schemas. */
  private static final JsonConverter KEYS = converter(true);

  private static final JsonConverter VALUES = converter(false);

  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), isKey);
    return converter;
  }

  private static final class InMemoryStore extends MemoryOffsetBackingStore {
    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
      return Set.of();
    }
  }
}
