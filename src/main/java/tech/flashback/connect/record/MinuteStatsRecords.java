package tech.flashback.connect.record;

import static tech.flashback.connect.record.MinuteStatsSchemas.KEY_SCHEMA;
import static tech.flashback.connect.record.MinuteStatsSchemas.VALUE_SCHEMA;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.client.model.MinuteStat;

/**
 * Converts {@code GET /stats/minute} rows into records of the {@code minute} stream.
 *
 * <p>Key: {@link MinuteStatsSchemas#KEY_SCHEMA} (minute, bucket, repo, host; absent repo or host as
 * {@code ""}). Value: {@link MinuteStatsSchemas#VALUE_SCHEMA}. Timestamp: the minute.
 */
public final class MinuteStatsRecords {

  /** The stream's name, carried in the {@value StreamHeader#NAME} header. */
  public static final String STREAM = "minute";

  private static final long MILLIS_PER_MINUTE = 60_000L;
  private static final Header HEADER = StreamHeader.of(STREAM);

  private static final Field KEY_MINUTE = KEY_SCHEMA.field(MinuteStatsSchemas.MINUTE);
  private static final Field KEY_BUCKET_ID = KEY_SCHEMA.field(MinuteStatsSchemas.BUCKET_ID);
  private static final Field KEY_REPO_ID = KEY_SCHEMA.field(MinuteStatsSchemas.REPO_ID);
  private static final Field KEY_HOST = KEY_SCHEMA.field(MinuteStatsSchemas.HOST);

  private static final Field MINUTE = VALUE_SCHEMA.field(MinuteStatsSchemas.MINUTE);
  private static final Field BUCKET_ID = VALUE_SCHEMA.field(MinuteStatsSchemas.BUCKET_ID);
  private static final Field REPO_ID = VALUE_SCHEMA.field(MinuteStatsSchemas.REPO_ID);
  private static final Field HOST = VALUE_SCHEMA.field(MinuteStatsSchemas.HOST);
  private static final Field UPLOAD_BYTES = VALUE_SCHEMA.field(MinuteStatsSchemas.UPLOAD_BYTES);
  private static final Field DOWNLOAD_BYTES = VALUE_SCHEMA.field(MinuteStatsSchemas.DOWNLOAD_BYTES);
  private static final Field SIZE_CHANGE = VALUE_SCHEMA.field(MinuteStatsSchemas.SIZE_CHANGE);
  private static final Field LATENCY_MS = VALUE_SCHEMA.field(MinuteStatsSchemas.LATENCY_MS);

  private MinuteStatsRecords() {}

  /**
   * The record of one minute row.
   *
   * @param sourcePartition the row's source partition (its bucket), passed through unchanged
   * @param sourceOffset the offset to commit with this record, passed through unchanged
   * @param topic the destination topic
   * @param row the row
   * @return the record; Kafka partition {@code null}, so the producer partitions by key
   */
  public static SourceRecord toRecord(
      Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic, MinuteStat row) {
    long minuteMillis = minuteMillis(row.timestamp());
    Struct key =
        new Struct(KEY_SCHEMA)
            .put(KEY_MINUTE, new Date(minuteMillis))
            .put(KEY_BUCKET_ID, row.bucketId())
            .put(KEY_REPO_ID, SchemaSupport.keyPart(row.repoId()))
            .put(KEY_HOST, SchemaSupport.keyPart(row.host()));

    Struct value =
        new Struct(VALUE_SCHEMA)
            .put(MINUTE, new Date(minuteMillis))
            .put(BUCKET_ID, row.bucketId())
            .put(REPO_ID, row.repoId())
            .put(HOST, row.host())
            .put(UPLOAD_BYTES, row.uploadBytes())
            .put(DOWNLOAD_BYTES, row.downloadBytes())
            .put(SIZE_CHANGE, row.sizeChange())
            .put(LATENCY_MS, row.latencyMs());

    return new SourceRecord(
        sourcePartition,
        sourceOffset,
        topic,
        null,
        KEY_SCHEMA,
        key,
        VALUE_SCHEMA,
        value,
        minuteMillis,
        StreamHeader.headers(HEADER));
  }

  /**
   * The minute a timestamp falls in: the instant truncated to the minute (UTC); the timestamp
   * itself when it is a whole minute already, as the API sends them.
   */
  public static Instant minuteOf(Instant timestamp) {
    if (timestamp.getNano() == 0 && Math.floorMod(timestamp.getEpochSecond(), 60L) == 0) {
      return timestamp;
    }
    return Instant.ofEpochMilli(minuteMillis(timestamp));
  }

  private static long minuteMillis(Instant timestamp) {
    return Math.floorDiv(timestamp.toEpochMilli(), MILLIS_PER_MINUTE) * MILLIS_PER_MINUTE;
  }
}
