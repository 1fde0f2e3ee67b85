package tech.flashback.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.record.RecordAssertions.AVRO_FULL_NAME;
import static tech.flashback.connect.record.RecordAssertions.AVRO_NAME;
import static tech.flashback.connect.record.RecordAssertions.SNAKE_CASE;
import static tech.flashback.connect.record.RecordAssertions.allFields;
import static tech.flashback.connect.record.RecordAssertions.namedSchemas;

import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules every schema of every stream follows, keys and values alike. */
class AllSchemasTest {

  static Stream<Arguments> schemas() {
    return Stream.of(
        Arguments.of("BucketKey", BucketCatalogSchemas.KEY_SCHEMA),
        Arguments.of("BucketValue", BucketCatalogSchemas.VALUE_SCHEMA),
        Arguments.of("BucketTotalsKey", BucketTotalsSchemas.KEY_SCHEMA),
        Arguments.of("BucketTotalsValue", BucketTotalsSchemas.VALUE_SCHEMA),
        Arguments.of("NodeDailyKey", NodeDailySchemas.KEY_SCHEMA),
        Arguments.of("NodeDailyValue", NodeDailySchemas.VALUE_SCHEMA),
        Arguments.of("MinuteStatsKey", MinuteStatsSchemas.KEY_SCHEMA),
        Arguments.of("MinuteStatsValue", MinuteStatsSchemas.VALUE_SCHEMA),
        Arguments.of("MalformedRowKey", MalformedRowSchemas.KEY_SCHEMA),
        Arguments.of("MalformedRowValue", MalformedRowSchemas.VALUE_SCHEMA));
  }

  /** Key schemas of the data streams: every field is a warehouse primary-key column. */
  static Stream<Schema> dataStreamKeySchemas() {
    return Stream.of(
        BucketCatalogSchemas.KEY_SCHEMA,
        BucketTotalsSchemas.KEY_SCHEMA,
        NodeDailySchemas.KEY_SCHEMA,
        MinuteStatsSchemas.KEY_SCHEMA);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void isARequiredStructNamedInTheConnectorNamespaceWithVersionOne(String type, Schema schema) {
    assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
    assertThat(schema.name()).isEqualTo("tech.flashback.connect." + type);
    assertThat(schema.version()).isEqualTo(1);
    assertThat(schema.isOptional()).isFalse();
    assertThat(schema.defaultValue()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void documentsTheSchemaAndEveryField(String type, Schema schema) {
    assertThat(schema.doc()).isNotBlank();
    for (Field field : allFields(schema)) {
      assertThat(field.schema().doc()).as("doc of %s.%s", type, field.name()).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void namesEveryFieldInSnakeCase(String type, Schema schema) {
    assertThat(allFields(schema))
        .isNotEmpty()
        .allSatisfy(field -> assertThat(field.name()).matches(SNAKE_CASE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void usesOnlyValidAvroNamesForSchemasAndFields(String type, Schema schema) {
    List<Schema> named = namedSchemas(schema);
    assertThat(named).first().isSameAs(schema);
    assertThat(named).allSatisfy(s -> assertThat(s.name()).matches(AVRO_FULL_NAME));
    assertThat(allFields(schema)).allSatisfy(f -> assertThat(f.name()).matches(AVRO_NAME));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void namesOnlyItselfAndConnectLogicalTypes(String type, Schema schema) {
    assertThat(namedSchemas(schema).stream().skip(1).map(Schema::name))
        .allSatisfy(
            name ->
                assertThat(name)
                    .isIn(Timestamp.LOGICAL_NAME, org.apache.kafka.connect.data.Date.LOGICAL_NAME));
  }

  @ParameterizedTest
  @MethodSource("dataStreamKeySchemas")
  void makesEveryKeyFieldOfADataStreamRequired(Schema keySchema) {
    assertThat(keySchema.fields())
        .allSatisfy(
            field -> {
              assertThat(field.schema().isOptional()).as(field.name()).isFalse();
              assertThat(field.schema().defaultValue()).as(field.name()).isNull();
            });
  }

  @Test
  void putsEveryKeyFieldIntoTheValueWithTheSameType() {
    schemas()
        .map(arguments -> (Schema) arguments.get()[1])
        .filter(schema -> schema.name().endsWith("Key"))
        .forEach(
            key -> {
              Schema value = valueOf(key);
              for (Field field : key.fields()) {
                Field inValue = value.field(field.name());
                assertThat(inValue).as("%s in %s", field.name(), value.name()).isNotNull();
                assertThat(inValue.schema().type()).isEqualTo(field.schema().type());
                assertThat(inValue.schema().name()).isEqualTo(field.schema().name());
              }
            });
  }

  @Test
  void givesEachStreamADistinctSchemaName() {
    assertThat(schemas().map(arguments -> ((Schema) arguments.get()[1]).name()))
        .doesNotHaveDuplicates();
  }

  @Test
  void namesTheStreamsLikeTheConfiguration() {
    assertThat(BucketCatalogRecords.STREAM).isEqualTo("buckets");
    assertThat(BucketTotalsRecords.STREAM).isEqualTo("bucket-totals");
    assertThat(NodeDailyRecords.STREAM).isEqualTo("node-daily");
    assertThat(MinuteStatsRecords.STREAM).isEqualTo("minute");
    assertThat(StreamHeader.NAME).isEqualTo("flashback.stream");
  }

  private static Schema valueOf(Schema key) {
    String valueName = key.name().replaceFirst("Key$", "Value");
    return schemas()
        .map(arguments -> (Schema) arguments.get()[1])
        .filter(schema -> schema.name().equals(valueName))
        .findFirst()
        .orElseThrow();
  }
}
