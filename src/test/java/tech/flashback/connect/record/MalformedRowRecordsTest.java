package tech.flashback.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.record.RecordAssertions.OFFSET;
import static tech.flashback.connect.record.RecordAssertions.PARTITION;
import static tech.flashback.connect.record.RecordAssertions.assertPassedThrough;
import static tech.flashback.connect.record.RecordAssertions.assertStreamHeader;
import static tech.flashback.connect.record.RecordAssertions.assertValid;
import static tech.flashback.connect.record.RecordAssertions.key;
import static tech.flashback.connect.record.RecordAssertions.value;

import java.time.Instant;
import java.util.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.model.RowProblem;

class MalformedRowRecordsTest {

  private static final String TOPIC = "flashback.errors";
  private static final Instant DETECTED = Instant.parse("2024-02-01T00:01:30.250Z");
  private static final String RAW = "{\"timestamp\":\"soon\",\"bucketId\":\"b-1\",\"upl_bytes\":1}";
  private static final String REASON = "field 'timestamp': expected an instant, got \"soon\"";

  private static SourceRecord convert(String stream, RowProblem problem) {
    return MalformedRowRecords.toRecord(PARTITION, OFFSET, TOPIC, stream, problem, DETECTED);
  }

  @Test
  void schemasCarryTheStreamBucketRawJsonErrorAndDetectionTime() {
    assertThat(MalformedRowSchemas.KEY_SCHEMA.fields())
        .extracting(Field::name)
        .containsExactly("stream", "bucket_id");
    assertThat(MalformedRowSchemas.KEY_SCHEMA.field("stream").schema().isOptional()).isFalse();
    assertThat(MalformedRowSchemas.KEY_SCHEMA.field("bucket_id").schema().isOptional()).isTrue();

    Schema value = MalformedRowSchemas.VALUE_SCHEMA;
    assertThat(value.fields())
        .extracting(Field::name)
        .containsExactly("stream", "bucket_id", "raw_json", "error", "detected_at");
    assertThat(value.field("detected_at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(value.field("bucket_id").schema().isOptional()).isTrue();
    assertThat(value.field("raw_json").schema().isOptional()).isFalse();
    assertThat(value.field("error").schema().isOptional()).isFalse();
  }

  @Test
  void buildsTheErrorRecordFromARowProblem() {
    SourceRecord record = convert("minute", new RowProblem("b-1", RAW, REASON));

    assertValid(record, MalformedRowSchemas.KEY_SCHEMA, MalformedRowSchemas.VALUE_SCHEMA);
    Struct value = value(record);
    assertThat(value.getString("stream")).isEqualTo("minute");
    assertThat(value.getString("bucket_id")).isEqualTo("b-1");
    assertThat(value.getString("raw_json")).isEqualTo(RAW);
    assertThat(value.getString("error")).isEqualTo(REASON);
    assertThat(value.get("detected_at")).isEqualTo(Date.from(DETECTED));
    assertThat(key(record).getString("stream")).isEqualTo("minute");
    assertThat(key(record).getString("bucket_id")).isEqualTo("b-1");
  }

  @Test
  void keepsAnUnknownBucketNullInKeyAndValue() {
    SourceRecord record = convert("bucket-totals", new RowProblem(null, "[1,2", "not an object"));

    assertValid(record, MalformedRowSchemas.KEY_SCHEMA, MalformedRowSchemas.VALUE_SCHEMA);
    assertThat(key(record).get("bucket_id")).isNull();
    assertThat(value(record).get("bucket_id")).isNull();
  }

  @Test
  void usesTheDetectionTimeAsRecordTimestampAndNamesTheRowsStreamInAHeader() {
    SourceRecord record = convert("node-daily", new RowProblem("b-1", RAW, REASON));

    assertThat(record.timestamp()).isEqualTo(DETECTED.toEpochMilli());
    assertPassedThrough(record, TOPIC);
    assertStreamHeader(record, "node-daily");
  }

  @Test
  void refusesAProblemWithoutRawJsonOrReasonOrAStreamWithoutName() {
    assertThatThrownBy(() -> convert("minute", new RowProblem("b-1", null, REASON)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("raw_json");
    assertThatThrownBy(() -> convert("minute", new RowProblem("b-1", RAW, null)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("error");
    assertThatThrownBy(() -> convert("", new RowProblem("b-1", RAW, REASON)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
