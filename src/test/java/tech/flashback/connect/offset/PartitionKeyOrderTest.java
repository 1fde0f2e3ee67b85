package tech.flashback.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
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
 * Connect stores an offset under the serialized partition map, keys in the map's iteration order,
 * and finds it again only by those exact bytes. {@code Map.of} iterates in an order that changes
 * from one JVM to the next, so partitions built with it made a restarted worker look its offsets up
 * under other bytes than it stored them with; and Connect itself (offsets REST API, reset) reads
 * partitions back as a {@code HashMap}, which iterates {@code bucket} before {@code stream}.
 */
class PartitionKeyOrderTest {

  private static final String CONNECTOR = "flashback";
  private static final Instant MINUTE = Instant.parse("2024-02-01T10:15:00Z");
  private static final SourcePartition PARTITION = SourcePartition.of(StreamKind.MINUTE, "b-1");

  /** Connect's internal key and value converter: JSON without schemas. */
  private static final JsonConverter KEYS = converter(true);

  private static final JsonConverter VALUES = converter(false);

  @Test
  void everyJvmWritesAPartitionUnderTheSameKey() throws Exception {
    Set<String> keys = new HashSet<>();
    for (int jvm = 0; jvm < 6; jvm++) {
      keys.add(keyPrintedByAnotherJvm());
    }
    assertThat(keys)
        .containsExactly(new String(serializedKey(PARTITION.toMap()), StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"minute", "node-daily", "bucket-totals"})
  void partitionsAreWrittenUnderTheKeyConnectReadsThemBackAs(String stream) {
    Map<String, Object> written = SourcePartition.of(StreamKind.fromName(stream), "b-1").toMap();
    byte[] bytes = serializedKey(written);
    Object readBack = KEYS.toConnectData(CONNECTOR, bytes).value();

    assertThat(KEYS.fromConnectData(CONNECTOR, null, readBack)).isEqualTo(bytes);
    assertThat(written.keySet()).containsExactly("bucket", "stream");
  }

  @Test
  void anOffsetStoredUnderTheKeyConnectShowsIsFound() throws Exception {
    // As an operator writes it from GET /connectors/{name}/offsets, or another worker stored it.
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("bucket", "b-1");
    stored.put("stream", "minute");
    MemoryOffsetBackingStore store = new InMemoryStore();
    store.start();
    try {
      store
          .set(
              Map.of(
                  ByteBuffer.wrap(serializedKey(stored)),
                  ByteBuffer.wrap(
                      VALUES.fromConnectData(
                          CONNECTOR, null, MinuteOffset.startingAt(MINUTE).toMap()))),
              null)
          .get(10, TimeUnit.SECONDS);
      OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(store, CONNECTOR, KEYS, VALUES);

      assertThat(StoredOffsetLoader.load(reader, List.of(PARTITION)))
          .containsEntry(PARTITION, MinuteOffset.startingAt(MINUTE));
    } finally {
      store.stop();
    }
  }

  private static byte[] serializedKey(Map<String, Object> partition) {
    return KEYS.fromConnectData(CONNECTOR, null, List.of(CONNECTOR, partition));
  }

  private static String keyPrintedByAnotherJvm() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PrintKey.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return new String(output, StandardCharsets.UTF_8).strip();
  }

  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), isKey);
    return converter;
  }

  /** Prints the key Connect stores {@link #PARTITION}'s offsets under, in a fresh JVM. */
  public static final class PrintKey {
    public static void main(String[] args) {
      System.out.println(new String(serializedKey(PARTITION.toMap()), StandardCharsets.UTF_8));
    }
  }

  private static final class InMemoryStore extends MemoryOffsetBackingStore {
    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
      return Set.of();
    }
  }
}
