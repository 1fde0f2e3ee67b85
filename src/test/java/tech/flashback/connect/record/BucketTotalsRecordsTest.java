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
import tech.flashback.connect.client.model.BucketTotals;

class BucketTotalsRecordsTest {

  private static final String TOPIC = "flashback.bucket-totals";
  private static final Instant SNAPSHOT = Instant.parse("2024-01-15T10:05:00Z");
  private static final long BEYOND_DOUBLE = 9_007_199_254_740_993L; // 2^53 + 1

  private static SourceRecord convert(BucketTotals row, Instant snapshot) {
    return BucketTotalsRecords.toRecord(PARTITION, OFFSET, TOPIC, row, snapshot);
  }

  @Test
  void schemasKeyTheBucketAndSnapshotTimeAndCountInInt64() {
    Schema key = BucketTotalsSchemas.KEY_SCHEMA;
    Schema value = BucketTotalsSchemas.VALUE_SCHEMA;

    assertThat(key.fields())
        .extracting(f -> f.name())
        .containsExactly("bucket_id", "snapshot_time");
    assertThat(key.field("snapshot_time").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(value.fields())
        .extracting(f -> f.name())
        .containsExactly(
            "bucket_id",
            "snapshot_time",
            "total_count",
            "total_upload_bytes",
            "total_download_bytes",
            "total_size_change");
    assertThat(value.field("snapshot_time").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    for (String counter :
        List.of("total_count", "total_upload_bytes", "total_download_bytes", "total_size_change")) {
      assertThat(value.field(counter).schema().type()).isEqualTo(Schema.Type.INT64);
      assertThat(value.field(counter).schema().isOptional()).isTrue();
    }
  }

  @Test
  void mapsFullTotalsExactlyIncludingHugeAndNegativeCounters() {
    BucketTotals totals =
        new BucketTotals("b-1", 1250L, BEYOND_DOUBLE, Long.MAX_VALUE, Long.MIN_VALUE);

    SourceRecord record = convert(totals, SNAPSHOT);

    assertValid(record, BucketTotalsSchemas.KEY_SCHEMA, BucketTotalsSchemas.VALUE_SCHEMA);
    Struct value = value(record);
    assertThat(value.getString("bucket_id")).isEqualTo("b-1");
    assertThat(value.get("snapshot_time")).isEqualTo(Date.from(SNAPSHOT));
    assertThat(value.getInt64("total_count")).isEqualTo(1250L);
    assertThat(value.getInt64("total_upload_bytes")).isEqualTo(BEYOND_DOUBLE);
    assertThat(value.getInt64("total_download_bytes")).isEqualTo(Long.MAX_VALUE);
    assertThat(value.getInt64("total_size_change")).isEqualTo(Long.MIN_VALUE);
    assertThat(key(record).getString("bucket_id")).isEqualTo("b-1");
    assertThat(key(record).get("snapshot_time")).isEqualTo(Date.from(SNAPSHOT));
  }

  @Test
  void keepsAbsentCountersNull() {
    SourceRecord record = convert(new BucketTotals("b-1", null, null, null, null), SNAPSHOT);

    assertValid(record, BucketTotalsSchemas.KEY_SCHEMA, BucketTotalsSchemas.VALUE_SCHEMA);
    for (String counter :
        List.of("total_count", "total_upload_bytes", "total_download_bytes", "total_size_change")) {
      assertThat(value(record).get(counter)).as(counter).isNull();
    }
  }

  @Test
  void usesTheSnapshotTimeAsRecordTimestampAndNamesTheStreamInAHeader() {
    SourceRecord record = convert(new BucketTotals("b-1", 1L, 2L, 3L, -4L), SNAPSHOT);

    assertThat(record.timestamp()).isEqualTo(SNAPSHOT.toEpochMilli());
    assertPassedThrough(record, TOPIC);
    assertStreamHeader(record, "bucket-totals");
  }

  @Test
  void givesEachBucketAndSnapshotItsOwnKey() {
    BucketTotals first = new BucketTotals("b-1", 1L, 1L, 1L, 1L);
    BucketTotals second = new BucketTotals("b-2", 1L, 1L, 1L, 1L);

    assertThat(
            List.of(
                key(convert(first, SNAPSHOT)),
                key(convert(second, SNAPSHOT)),
                key(convert(first, SNAPSHOT.plusSeconds(300)))))
        .doesNotHaveDuplicates();
    assertThat(key(convert(first, SNAPSHOT)))
        .isEqualTo(key(convert(new BucketTotals("b-1", 9L, 9L, 9L, 9L), SNAPSHOT)));
  }
}
