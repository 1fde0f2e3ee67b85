package tech.flashback.connect.record;

import static tech.flashback.connect.record.BucketTotalsSchemas.KEY_SCHEMA;
import static tech.flashback.connect.record.BucketTotalsSchemas.VALUE_SCHEMA;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.client.model.BucketTotals;

/**
 * Converts {@code GET /bucket/stats} rows into records of the {@code bucket-totals} stream.
 *
 * <p>Key: {@link BucketTotalsSchemas#KEY_SCHEMA} (bucket, snapshot time). Value: {@link
 * BucketTotalsSchemas#VALUE_SCHEMA}. Timestamp: the snapshot time.
 */
public final class BucketTotalsRecords {

  /** The stream's name, carried in the {@value StreamHeader#NAME} header. */
  public static final String STREAM = "bucket-totals";

  private static final Header HEADER = StreamHeader.of(STREAM);

  private static final Field KEY_BUCKET_ID = KEY_SCHEMA.field(BucketTotalsSchemas.BUCKET_ID);
  private static final Field KEY_SNAPSHOT_TIME =
      KEY_SCHEMA.field(BucketTotalsSchemas.SNAPSHOT_TIME);

  private static final Field BUCKET_ID = VALUE_SCHEMA.field(BucketTotalsSchemas.BUCKET_ID);
  private static final Field SNAPSHOT_TIME = VALUE_SCHEMA.field(BucketTotalsSchemas.SNAPSHOT_TIME);
  private static final Field TOTAL_COUNT = VALUE_SCHEMA.field(BucketTotalsSchemas.TOTAL_COUNT);
  private static final Field TOTAL_UPLOAD_BYTES =
      VALUE_SCHEMA.field(BucketTotalsSchemas.TOTAL_UPLOAD_BYTES);
  private static final Field TOTAL_DOWNLOAD_BYTES =
      VALUE_SCHEMA.field(BucketTotalsSchemas.TOTAL_DOWNLOAD_BYTES);
  private static final Field TOTAL_SIZE_CHANGE =
      VALUE_SCHEMA.field(BucketTotalsSchemas.TOTAL_SIZE_CHANGE);

  private BucketTotalsRecords() {}

  /**
   * The record of one bucket's totals at one snapshot.
   *
   * @param sourcePartition the bucket's source partition, passed through unchanged
   * @param sourceOffset the offset to commit with this record, passed through unchanged
   * @param topic the destination topic
   * @param row the totals
   * @param snapshotTime the poll slot the totals were read for; the key and the record timestamp
   * @return the record; Kafka partition {@code null}, so the producer partitions by key
   */
  public static SourceRecord toRecord(
      Map<String, ?> sourcePartition,
      Map<String, ?> sourceOffset,
      String topic,
      BucketTotals row,
      Instant snapshotTime) {
    long snapshotMillis = Objects.requireNonNull(snapshotTime, "snapshotTime").toEpochMilli();

    Struct key =
        new Struct(KEY_SCHEMA)
            .put(KEY_BUCKET_ID, row.bucketId())
            .put(KEY_SNAPSHOT_TIME, new Date(snapshotMillis));

    Struct value =
        new Struct(VALUE_SCHEMA)
            .put(BUCKET_ID, row.bucketId())
            .put(SNAPSHOT_TIME, new Date(snapshotMillis))
            .put(TOTAL_COUNT, row.totalCount())
            .put(TOTAL_UPLOAD_BYTES, row.totalUploadBytes())
            .put(TOTAL_DOWNLOAD_BYTES, row.totalDownloadBytes())
            .put(TOTAL_SIZE_CHANGE, row.totalSizeChange());

    return new SourceRecord(
        sourcePartition,
        sourceOffset,
        topic,
        null,
        KEY_SCHEMA,
        key,
        VALUE_SCHEMA,
        value,
        snapshotMillis,
        StreamHeader.headers(HEADER));
  }
}
