package tech.flashback.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.config.StreamKind;

/**
 * Connect finds a stored offset by the exact bytes of its serialized key ({@code [connector,
 * partition]}, JSON without schemas). When Connect itself reads a partition back (the offsets REST
 * API; a PATCH, which it normalizes through the same converter) it serializes the HashMap the
 * converter made, so the connector's partitions must serialize to those same bytes, in every JVM.
 */
class SourcePartitionBytesTest {

  private static final String NAMESPACE = "flashback";

  @Test
  void aPartitionSerializesToTheSameBytesAsConnectsOwnCopyOfIt() {
    JsonConverter converter = converter();
    for (StreamKind stream : StreamKind.values()) {
      SourcePartition partition =
          stream == StreamKind.BUCKETS
              ? SourcePartition.catalog()
              : SourcePartition.of(stream, "5bbe9609-1f9f-45b4-9bfa-3d788f3459a9");
      byte[] written = key(converter, partition.toMap());
      Object readBack = converter.toConnectData("offsets", written).value();
      byte[] lookedUp = converter.fromConnectData("offsets", null, readBack);

      assertThat(text(lookedUp)).as(stream.streamName()).isEqualTo(text(written));
    }
  }

  /** Map.of's iteration order is salted per JVM: only a fixed order survives a worker restart. */
  @Test
  void aPartitionSerializesToTheSameBytesInEveryJvm() {
    JsonConverter converter = converter();

    assertThat(text(key(converter, SourcePartition.of(StreamKind.MINUTE, "b-1").toMap())))
        .isEqualTo("[\"flashback\",{\"bucket\":\"b-1\",\"stream\":\"minute\"}]");
    assertThat(text(key(converter, SourcePartition.catalog().toMap())))
        .isEqualTo("[\"flashback\",{\"stream\":\"buckets\"}]");
  }

  private static byte[] key(JsonConverter converter, Map<String, Object> partition) {
    return converter.fromConnectData("offsets", null, List.of(NAMESPACE, partition));
  }

  private static JsonConverter converter() {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), true);
    return converter;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
