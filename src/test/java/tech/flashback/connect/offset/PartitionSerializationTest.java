package tech.flashback.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.config.StreamKind;

/**
 * Connect finds a stored offset by the serialized bytes of its partition ({@code [connector,
 * partition]} through the worker's JSON converter). The bytes our partitions serialize to must be
 * the ones Connect produces from the same partition read back (a {@code HashMap}), or offsets are
 * lost on restart and the offsets REST API cannot reset them.
 */
class PartitionSerializationTest {

  private final JsonConverter converter = new JsonConverter();

  PartitionSerializationTest() {
    converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), true);
  }

  private byte[] key(Object partition) {
    return converter.fromConnectData("offsets", null, List.of("flashback", partition));
  }

  @Test
  void partitionsSerializeToTheBytesConnectRebuildsFromThem() {
    for (SourcePartition partition :
        List.of(
            SourcePartition.of(StreamKind.MINUTE, "5bbe9609-1f9f-45b4-9bfa-3d788f3459a9"),
            SourcePartition.of(StreamKind.NODE_DAILY, "b-1"),
            SourcePartition.of(StreamKind.BUCKET_TOTALS, "z"),
            SourcePartition.catalog())) {
      byte[] written = key(partition.toMap());
      @SuppressWarnings("unchecked")
      List<Object> readBack = (List<Object>) converter.toConnectData("offsets", written).value();

      assertThat(key(readBack.get(1))).as(partition.toString()).isEqualTo(written);
    }
  }

  @Test
  void theSerializedFormIsTheSameInEveryJvm() {
    // HashMap order of these two String keys is fixed by String.hashCode: bucket before stream.
    assertThat(new String(key(SourcePartition.of(StreamKind.MINUTE, "b-1").toMap())))
        .isEqualTo("[\"flashback\",{\"bucket\":\"b-1\",\"stream\":\"minute\"}]");
  }
}
