package tech.flashback.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/** Checks shared by the tests of every stream's schemas and records. */
final class RecordAssertions {

  static final Pattern AVRO_FULL_NAME =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  static final Map<String, Object> PARTITION = Map.of("bucket", "b-1");
  static final Map<String, Object> OFFSET = Map.of("v", 1, "minute", 1_706_745_600_000L);

  private RecordAssertions() {}

  /** Every named schema reachable from {@code schema}, itself included (depth first). */
  static List<Schema> namedSchemas(Schema schema) {
    List<Schema> named = new ArrayList<>();
    collect(schema, named);
    return named;
  }

  private static void collect(Schema schema, List<Schema> named) {
    if (schema.name() != null) {
      named.add(schema);
    }
    switch (schema.type()) {
      case STRUCT -> schema.fields().forEach(f -> collect(f.schema(), named));
      case ARRAY -> collect(schema.valueSchema(), named);
      case MAP -> {
        collect(schema.keySchema(), named);
        collect(schema.valueSchema(), named);
      }
      default -> {}
    }
  }

  /** Every field reachable from {@code schema}, at any depth. */
  static List<Field> allFields(Schema schema) {
    List<Field> fields = new ArrayList<>();
    if (schema.type() == Schema.Type.STRUCT) {
      for (Field field : schema.fields()) {
        fields.add(field);
        fields.addAll(allFields(field.schema()));
      }
    }
    return fields;
  }

  static void assertStreamHeader(SourceRecord record, String stream) {
    assertThat(record.headers().size()).isEqualTo(1);
    Header header = record.headers().lastWithName(StreamHeader.NAME);
    assertThat(header).isNotNull();
    assertThat(header.schema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(header.value()).isEqualTo(stream);
  }

  /** What the caller passed through: partition, offset, topic, no Kafka partition. */
  static void assertPassedThrough(SourceRecord record, String topic) {
    assertThat(record.sourcePartition()).isSameAs(PARTITION);
    assertThat(record.sourceOffset()).isSameAs(OFFSET);
    assertThat(record.topic()).isEqualTo(topic);
    assertThat(record.kafkaPartition()).isNull();
  }

  static Struct key(SourceRecord record) {
    return (Struct) record.key();
  }

  static Struct value(SourceRecord record) {
    return (Struct) record.value();
  }

  /** Key and value validate against their schemas, and are the shared static schemas. */
  static void assertValid(SourceRecord record, Schema keySchema, Schema valueSchema) {
    assertThat(record.keySchema()).isSameAs(keySchema);
    assertThat(key(record).schema()).isSameAs(keySchema);
    key(record).validate();
    if (valueSchema != null) {
      assertThat(record.valueSchema()).isSameAs(valueSchema);
      assertThat(value(record).schema()).isSameAs(valueSchema);
      value(record).validate();
    }
  }
}
