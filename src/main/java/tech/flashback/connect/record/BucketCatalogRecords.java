package tech.flashback.connect.record;

import static tech.flashback.connect.record.BucketCatalogSchemas.KEY_SCHEMA;
import static tech.flashback.connect.record.BucketCatalogSchemas.VALUE_SCHEMA;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.client.model.Bucket;

/**
 * Converts catalog entries ({@code GET /bucket}) into records of the {@code buckets} stream, and
 * builds the tombstone of a bucket that disappeared.
 *
 * <p>Key: {@link BucketCatalogSchemas#KEY_SCHEMA} (bucket). Value: {@link
 * BucketCatalogSchemas#VALUE_SCHEMA}, or {@code null} with a {@code null} schema for a tombstone.
 * Timestamp: when the catalog was observed, as given by the caller. The {@link Bucket} model has no
 * credentials, and neither has the record.
 */
public final class BucketCatalogRecords {

  /** The stream's name, carried in the {@value StreamHeader#NAME} header. */
  public static final String STREAM = "buckets";

  private static final Header HEADER = StreamHeader.of(STREAM);

  private static final Field KEY_BUCKET_ID = KEY_SCHEMA.field(BucketCatalogSchemas.BUCKET_ID);

  private static final Field BUCKET_ID = VALUE_SCHEMA.field(BucketCatalogSchemas.BUCKET_ID);
  private static final Field NAME = VALUE_SCHEMA.field(BucketCatalogSchemas.NAME);
  private static final Field STORAGE_TYPE = VALUE_SCHEMA.field(BucketCatalogSchemas.STORAGE_TYPE);
  private static final Field BUCKET_NAME = VALUE_SCHEMA.field(BucketCatalogSchemas.BUCKET_NAME);
  private static final Field ENDPOINT = VALUE_SCHEMA.field(BucketCatalogSchemas.ENDPOINT);
  private static final Field REGION = VALUE_SCHEMA.field(BucketCatalogSchemas.REGION);
  private static final Field STATUS = VALUE_SCHEMA.field(BucketCatalogSchemas.STATUS);
  private static final Field LAST_STATUS_AT =
      VALUE_SCHEMA.field(BucketCatalogSchemas.LAST_STATUS_AT);
  private static final Field CREATED_AT = VALUE_SCHEMA.field(BucketCatalogSchemas.CREATED_AT);
  private static final Field WORKSPACE_ID = VALUE_SCHEMA.field(BucketCatalogSchemas.WORKSPACE_ID);

  private BucketCatalogRecords() {}

  /**
   * The record of one bucket as currently listed.
   *
   * @param sourcePartition the catalog's source partition, passed through unchanged
   * @param sourceOffset the offset to commit with this record, passed through unchanged
   * @param topic the destination topic (compacted)
   * @param bucket the bucket
   * @param observedAt when the catalog was read; the record timestamp
   * @return the record; Kafka partition {@code null}, so the producer partitions by key
   */
  public static SourceRecord toRecord(
      Map<String, ?> sourcePartition,
      Map<String, ?> sourceOffset,
      String topic,
      Bucket bucket,
      Instant observedAt) {
    long timestamp = Objects.requireNonNull(observedAt, "observedAt").toEpochMilli();

    Struct value =
        new Struct(VALUE_SCHEMA)
            .put(BUCKET_ID, bucket.id())
            .put(NAME, bucket.name())
            .put(STORAGE_TYPE, bucket.storageType())
            .put(BUCKET_NAME, bucket.bucketName())
            .put(ENDPOINT, bucket.endpoint())
            .put(REGION, bucket.region())
            .put(STATUS, bucket.status())
            .put(LAST_STATUS_AT, SchemaSupport.timestamp(bucket.lastStatusAt()))
            .put(CREATED_AT, SchemaSupport.timestamp(bucket.createdAt()))
            .put(WORKSPACE_ID, bucket.workspaceId());

    return new SourceRecord(
        sourcePartition,
        sourceOffset,
        topic,
        null,
        KEY_SCHEMA,
        key(bucket.id()),
        VALUE_SCHEMA,
        value,
        timestamp,
        StreamHeader.headers(HEADER));
  }

  /**
   * The tombstone of a bucket that is no longer listed: the bucket's key with a {@code null} value
   * and a {@code null} value schema, so compaction eventually removes the bucket.
   *
   * @param sourcePartition the catalog's source partition, passed through unchanged
   * @param sourceOffset the offset to commit with this record, passed through unchanged
   * @param topic the destination topic (compacted)
   * @param bucketId the id of the bucket that disappeared
   * @param observedAt when the catalog was read without it; the record timestamp
   * @return the tombstone record
   */
  public static SourceRecord tombstone(
      Map<String, ?> sourcePartition,
      Map<String, ?> sourceOffset,
      String topic,
      String bucketId,
      Instant observedAt) {
    long timestamp = Objects.requireNonNull(observedAt, "observedAt").toEpochMilli();
    return new SourceRecord(
        sourcePartition,
        sourceOffset,
        topic,
        null,
        KEY_SCHEMA,
        key(Objects.requireNonNull(bucketId, "bucketId")),
        null,
        null,
        timestamp,
        StreamHeader.headers(HEADER));
  }

  private static Struct key(String bucketId) {
    return new Struct(KEY_SCHEMA).put(KEY_BUCKET_ID, bucketId);
  }
}
