package tech.flashback.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.record.RecordAssertions.OFFSET;
import static tech.flashback.connect.record.RecordAssertions.PARTITION;
import static tech.flashback.connect.record.RecordAssertions.assertPassedThrough;
import static tech.flashback.connect.record.RecordAssertions.assertStreamHeader;
import static tech.flashback.connect.record.RecordAssertions.assertValid;
import static tech.flashback.connect.record.RecordAssertions.key;
import static tech.flashback.connect.record.RecordAssertions.value;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.model.MinuteStat;

class MinuteStatsRecordsTest {

  private static final String TOPIC = "flashback.minute";
  private static final Instant MINUTE = Instant.parse("2024-02-01T00:00:00Z");
  private static final long BEYOND_DOUBLE = 9_007_199_254_740_993L; // 2^53 + 1

  private static MinuteStat fullRow() {
    return new MinuteStat(
        MINUTE.plusSeconds(42).plusMillis(123),
        "b-1",
        "repo-7",
        "node-a.flashback.tech",
        BEYOND_DOUBLE,
        Long.MAX_VALUE,
        -512L,
        37.5);
  }

  private static MinuteStat sparseRow() {
    return new MinuteStat(MINUTE, "b-1", null, null, null, null, null, null);
  }

  private static SourceRecord convert(MinuteStat row) {
    return MinuteStatsRecords.toRecord(PARTITION, OFFSET, TOPIC, row);
  }

  @Test
  void keySchemaHasTheMinuteBucketRepoAndHost() {
    Schema key = MinuteStatsSchemas.KEY_SCHEMA;
    assertThat(key.fields())
        .extracting(f -> f.name())
        .containsExactly("minute", "bucket_id", "repo_id", "host");
    assertThat(key.field("minute").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(key.field("repo_id").schema().doc()).contains("empty string");
    assertThat(key.field("host").schema().doc()).contains("empty string");
  }

  @Test
  void valueSchemaUsesTimestampInt64AndFloat64() {
    Schema value = MinuteStatsSchemas.VALUE_SCHEMA;
    assertThat(value.fields())
        .extracting(f -> f.name())
        .containsExactly(
            "minute",
            "bucket_id",
            "repo_id",
            "host",
            "upload_bytes",
            "download_bytes",
            "size_change",
            "latency_ms");
    assertThat(value.field("minute").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(value.field("minute").schema().isOptional()).isFalse();
    assertThat(value.field("bucket_id").schema().isOptional()).isFalse();
    for (String counter : List.of("upload_bytes", "download_bytes", "size_change")) {
      assertThat(value.field(counter).schema().type()).isEqualTo(Schema.Type.INT64);
      assertThat(value.field(counter).schema().isOptional()).isTrue();
    }
    assertThat(value.field("latency_ms").schema().type()).isEqualTo(Schema.Type.FLOAT64);
    assertThat(value.field("repo_id").schema().isOptional()).isTrue();
    assertThat(value.field("host").schema().isOptional()).isTrue();
  }

  @Test
  void mapsAFullRowExactly() {
    SourceRecord record = convert(fullRow());

    assertValid(record, MinuteStatsSchemas.KEY_SCHEMA, MinuteStatsSchemas.VALUE_SCHEMA);
    Struct value = value(record);
    assertThat(value.get("minute")).isEqualTo(Date.from(MINUTE));
    assertThat(value.getString("bucket_id")).isEqualTo("b-1");
    assertThat(value.getString("repo_id")).isEqualTo("repo-7");
    assertThat(value.getString("host")).isEqualTo("node-a.flashback.tech");
    assertThat(value.getInt64("upload_bytes")).isEqualTo(BEYOND_DOUBLE);
    assertThat(value.getInt64("download_bytes")).isEqualTo(Long.MAX_VALUE);
    assertThat(value.getInt64("size_change")).isEqualTo(-512L);
    assertThat(value.getFloat64("latency_ms")).isEqualTo(37.5);

    Struct key = key(record);
    assertThat(key.get("minute")).isEqualTo(Date.from(MINUTE));
    assertThat(key.getString("bucket_id")).isEqualTo("b-1");
    assertThat(key.getString("repo_id")).isEqualTo("repo-7");
    assertThat(key.getString("host")).isEqualTo("node-a.flashback.tech");
  }

  @Test
  void keepsAbsentValuesNullInTheValueAndEmptyInTheKey() {
    SourceRecord record = convert(sparseRow());

    assertValid(record, MinuteStatsSchemas.KEY_SCHEMA, MinuteStatsSchemas.VALUE_SCHEMA);
    Struct value = value(record);
    for (String field :
        List.of("repo_id", "host", "upload_bytes", "download_bytes", "size_change", "latency_ms")) {
      assertThat(value.get(field)).as(field).isNull();
    }
    assertThat(key(record).getString("repo_id")).isEmpty();
    assertThat(key(record).getString("host")).isEmpty();
  }

  @Test
  void truncatesTheTimestampToTheMinuteForKeyValueAndRecordTimestamp() {
    SourceRecord record = convert(fullRow());

    assertThat(record.timestamp()).isEqualTo(MINUTE.toEpochMilli());
    assertThat(key(record).get("minute")).isEqualTo(Date.from(MINUTE));
    assertThat(MinuteStatsRecords.minuteOf(Instant.parse("2024-02-01T10:15:59.999Z")))
        .isEqualTo(Instant.parse("2024-02-01T10:15:00Z"));
    assertThat(MinuteStatsRecords.minuteOf(Instant.parse("1969-12-31T23:59:30Z")))
        .isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
    assertThat(MinuteStatsRecords.minuteOf(Instant.parse("2024-02-01T10:15:00.000000001Z")))
        .isEqualTo(Instant.parse("2024-02-01T10:15:00Z"));
    Instant whole = Instant.parse("1969-12-31T23:59:00Z");
    assertThat(MinuteStatsRecords.minuteOf(whole)).isSameAs(whole);
  }

  @Test
  void passesPartitionOffsetAndTopicThroughAndNamesTheStreamInAHeader() {
    SourceRecord record = convert(fullRow());

    assertPassedThrough(record, TOPIC);
    assertStreamHeader(record, "minute");
  }

  @Test
  void givesEachRowItsOwnHeadersSoTransformsCannotLeakIntoOtherRecords() {
    SourceRecord first = convert(fullRow());
    SourceRecord second = convert(fullRow());

    first.headers().addString("added.by.transform", "x");

    assertThat(second.headers().size()).isEqualTo(1);
    assertThat(first.headers()).isNotSameAs(second.headers());
  }

  @Test
  void givesRowsDifferingInAnyKeyPartDifferentKeys() {
    MinuteStat base = fullRow();
    List<MinuteStat> rows =
        List.of(
            base,
            new MinuteStat(MINUTE.plusSeconds(60), "b-1", "repo-7", base.host(), 1L, 1L, 1L, 1.0),
            new MinuteStat(base.timestamp(), "b-2", "repo-7", base.host(), 1L, 1L, 1L, 1.0),
            new MinuteStat(base.timestamp(), "b-1", "repo-8", base.host(), 1L, 1L, 1L, 1.0),
            new MinuteStat(base.timestamp(), "b-1", null, base.host(), 1L, 1L, 1L, 1.0),
            new MinuteStat(base.timestamp(), "b-1", "repo-7", "node-b", 1L, 1L, 1L, 1.0),
            new MinuteStat(base.timestamp(), "b-1", "repo-7", null, 1L, 1L, 1L, 1.0));

    assertThat(rows.stream().map(row -> key(convert(row)))).doesNotHaveDuplicates();
  }

  @Test
  void givesRowsOfTheSameMinuteBucketRepoAndHostTheSameKey() {
    MinuteStat early = new MinuteStat(MINUTE.plusSeconds(1), "b-1", "r", "h", 1L, 2L, 3L, 4.0);
    MinuteStat late = new MinuteStat(MINUTE.plusSeconds(59), "b-1", "r", "h", 9L, 9L, 9L, 9.0);

    assertThat(key(convert(early))).isEqualTo(key(convert(late)));
  }
}
