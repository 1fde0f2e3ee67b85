package tech.flashback.connect.record;

import static tech.flashback.connect.record.NodeDailySchemas.KEY_SCHEMA;
import static tech.flashback.connect.record.NodeDailySchemas.VALUE_SCHEMA;

import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.client.model.NodeDailyStat;

/**
 * Converts {@code POST /bucket/{id}/stats} rows into records of the {@code node-daily} stream.
 *
 * <p>Key: {@link NodeDailySchemas#KEY_SCHEMA} (bucket, day, host, ip; an absent host or ip as
 * {@code ""}). Value: {@link NodeDailySchemas#VALUE_SCHEMA}. Timestamp: the day's UTC midnight.
 */
public final class NodeDailyRecords {

  /** The stream's name, carried in the {@value StreamHeader#NAME} header. */
  public static final String STREAM = "node-daily";

  private static final Header HEADER = StreamHeader.of(STREAM);

  private static final Field KEY_BUCKET_ID = KEY_SCHEMA.field(NodeDailySchemas.BUCKET_ID);
  private static final Field KEY_DAY = KEY_SCHEMA.field(NodeDailySchemas.DAY);
  private static final Field KEY_NODE_HOST = KEY_SCHEMA.field(NodeDailySchemas.NODE_HOST);
  private static final Field KEY_NODE_IP = KEY_SCHEMA.field(NodeDailySchemas.NODE_IP);

  private static final Field BUCKET_ID = VALUE_SCHEMA.field(NodeDailySchemas.BUCKET_ID);
  private static final Field DAY = VALUE_SCHEMA.field(NodeDailySchemas.DAY);
  private static final Field NODE_HOST = VALUE_SCHEMA.field(NodeDailySchemas.NODE_HOST);
  private static final Field NODE_IP = VALUE_SCHEMA.field(NodeDailySchemas.NODE_IP);
  private static final Field UPTIME_PERCENT = VALUE_SCHEMA.field(NodeDailySchemas.UPTIME_PERCENT);
  private static final Field AVG_LATENCY_MS = VALUE_SCHEMA.field(NodeDailySchemas.AVG_LATENCY_MS);
  private static final Field VERSION = VALUE_SCHEMA.field(NodeDailySchemas.VERSION);
  private static final Field NODE_STATUS = VALUE_SCHEMA.field(NodeDailySchemas.NODE_STATUS);
  private static final Field LAST_UPDATED = VALUE_SCHEMA.field(NodeDailySchemas.LAST_UPDATED);
  private static final Field LAST_LATENCY_MS = VALUE_SCHEMA.field(NodeDailySchemas.LAST_LATENCY_MS);

  private NodeDailyRecords() {}

  /**
   * The record of one node's day.
   *
   * @param sourcePartition the row's source partition (its bucket), passed through unchanged
   * @param sourceOffset the offset to commit with this record, passed through unchanged
   * @param topic the destination topic
   * @param row the row
   * @return the record; Kafka partition {@code null}, so the producer partitions by key
   */
  public static SourceRecord toRecord(
      Map<String, ?> sourcePartition,
      Map<String, ?> sourceOffset,
      String topic,
      NodeDailyStat row) {
    long midnightMillis = SchemaSupport.utcMidnightMillis(row.day());
    Struct key =
        new Struct(KEY_SCHEMA)
            .put(KEY_BUCKET_ID, row.bucketId())
            .put(KEY_DAY, new Date(midnightMillis))
            .put(KEY_NODE_HOST, SchemaSupport.keyPart(row.host()))
            .put(KEY_NODE_IP, SchemaSupport.keyPart(row.ip()));

    Struct value =
        new Struct(VALUE_SCHEMA)
            .put(BUCKET_ID, row.bucketId())
            .put(DAY, new Date(midnightMillis))
            .put(NODE_HOST, row.host())
            .put(NODE_IP, row.ip())
            .put(UPTIME_PERCENT, row.uptimePercent())
            .put(AVG_LATENCY_MS, row.avgLatencyMs())
            .put(VERSION, row.version())
            .put(NODE_STATUS, row.nodeStatus())
            .put(LAST_UPDATED, SchemaSupport.timestamp(row.lastUpdated()))
            .put(LAST_LATENCY_MS, row.lastLatencyMs());

    return new SourceRecord(
        sourcePartition,
        sourceOffset,
        topic,
        null,
        KEY_SCHEMA,
        key,
        VALUE_SCHEMA,
        value,
        midnightMillis,
        StreamHeader.headers(HEADER));
  }
}
