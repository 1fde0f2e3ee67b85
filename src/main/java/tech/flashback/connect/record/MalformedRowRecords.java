package tech.flashback.connect.record;

import static tech.flashback.connect.record.MalformedRowSchemas.KEY_SCHEMA;
import static tech.flashback.connect.record.MalformedRowSchemas.VALUE_SCHEMA;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.client.model.RowProblem;

/**
 * Converts a {@link RowProblem} into a record for the error topic (malformed-row policy {@code
 * error-topic}).
 *
 * <p>Key: {@link MalformedRowSchemas#KEY_SCHEMA} (stream, bucket). Value: {@link
 * MalformedRowSchemas#VALUE_SCHEMA}. Timestamp: when the row was read. The {@value
 * StreamHeader#NAME} header names the stream the row was read for.
 */
public final class MalformedRowRecords {

  private static final Field KEY_STREAM = KEY_SCHEMA.field(MalformedRowSchemas.STREAM);
  private static final Field KEY_BUCKET_ID = KEY_SCHEMA.field(MalformedRowSchemas.BUCKET_ID);

  private static final Field STREAM = VALUE_SCHEMA.field(MalformedRowSchemas.STREAM);
  private static final Field BUCKET_ID = VALUE_SCHEMA.field(MalformedRowSchemas.BUCKET_ID);
  private static final Field RAW_JSON = VALUE_SCHEMA.field(MalformedRowSchemas.RAW_JSON);
  private static final Field ERROR = VALUE_SCHEMA.field(MalformedRowSchemas.ERROR);
  private static final Field DETECTED_AT = VALUE_SCHEMA.field(MalformedRowSchemas.DETECTED_AT);

  private MalformedRowRecords() {}

  /**
   * The error-topic record of one row that could not be read.
   *
   * @param sourcePartition the source partition of the stream the row was read for, unchanged
   * @param sourceOffset the offset to commit with this record, passed through unchanged
   * @param topic the error topic
   * @param stream the name of the stream the row was read for ({@code minute}, ...)
   * @param problem the row and what was wrong with it; its raw JSON and reason are required
   * @param detectedAt when the row was read; the record timestamp
   * @return the record; Kafka partition {@code null}, so the producer partitions by key
   * @throws org.apache.kafka.connect.errors.DataException if the problem has no raw JSON or reason
   */
  public static SourceRecord toRecord(
      Map<String, ?> sourcePartition,
      Map<String, ?> sourceOffset,
      String topic,
      String stream,
      RowProblem problem,
      Instant detectedAt) {
    long timestamp = Objects.requireNonNull(detectedAt, "detectedAt").toEpochMilli();

    Struct key =
        new Struct(KEY_SCHEMA).put(KEY_STREAM, stream).put(KEY_BUCKET_ID, problem.bucketId());

    Struct value =
        new Struct(VALUE_SCHEMA)
            .put(STREAM, stream)
            .put(BUCKET_ID, problem.bucketId())
            .put(RAW_JSON, problem.rawJson())
            .put(ERROR, problem.reason())
            .put(DETECTED_AT, new Date(timestamp));

    return new SourceRecord(
        sourcePartition,
        sourceOffset,
        topic,
        null,
        KEY_SCHEMA,
        key,
        VALUE_SCHEMA,
        value,
        timestamp,
        StreamHeader.headers(StreamHeader.of(stream)));
  }
}
