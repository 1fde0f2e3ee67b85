package tech.flashback.connect.record;

import static tech.flashback.connect.record.SchemaSupport.optionalFloat64;
import static tech.flashback.connect.record.SchemaSupport.optionalString;
import static tech.flashback.connect.record.SchemaSupport.optionalTimestamp;
import static tech.flashback.connect.record.SchemaSupport.requiredDate;
import static tech.flashback.connect.record.SchemaSupport.requiredString;
import static tech.flashback.connect.record.SchemaSupport.schemaName;
import static tech.flashback.connect.record.SchemaSupport.struct;

import org.apache.kafka.connect.data.Schema;

/** Schemas of the {@code node-daily} stream: one node's statistics for one bucket and UTC day. */
public final class NodeDailySchemas {

  public static final int SCHEMA_VERSION = 1;

  public static final String KEY_SCHEMA_NAME = schemaName("NodeDailyKey");
  public static final String KEY_DOC =
      "Identifies one node of one bucket on one UTC day: (bucket_id, day, node_host, node_ip)."
          + " Unique per row, so it can serve as a primary key.";

  public static final String VALUE_SCHEMA_NAME = schemaName("NodeDailyValue");
  public static final String VALUE_DOC =
      "Uptime and latency of one node serving one bucket over one closed UTC day, from the"
          + " Flashback POST /bucket/{id}/stats endpoint.";

  public static final String BUCKET_ID = "bucket_id";
  public static final String DAY = "day";
  public static final String NODE_HOST = "node_host";
  public static final String NODE_IP = "node_ip";
  public static final String UPTIME_PERCENT = "uptime_percent";
  public static final String AVG_LATENCY_MS = "avg_latency_ms";
  public static final String VERSION = "version";
  public static final String NODE_STATUS = "node_status";
  public static final String LAST_UPDATED = "last_updated";
  public static final String LAST_LATENCY_MS = "last_latency_ms";

  private static final String BUCKET_ID_DOC = "Id of the Flashback bucket.";
  private static final String DAY_DOC = "The UTC day the statistics cover.";

  public static final Schema KEY_SCHEMA =
      struct(KEY_SCHEMA_NAME, SCHEMA_VERSION, KEY_DOC)
          .field(BUCKET_ID, requiredString(BUCKET_ID_DOC))
          .field(DAY, requiredDate(DAY_DOC))
          .field(
              NODE_HOST,
              requiredString(
                  "Host name of the node; the empty string when the API sent none (null and"
                      + " empty are the same host in the key)."))
          .field(
              NODE_IP,
              requiredString(
                  "IP address of the node; the empty string when the API sent none (null and"
                      + " empty are the same address in the key)."))
          .build();

  public static final Schema VALUE_SCHEMA =
      struct(VALUE_SCHEMA_NAME, SCHEMA_VERSION, VALUE_DOC)
          .field(BUCKET_ID, requiredString(BUCKET_ID_DOC))
          .field(DAY, requiredDate(DAY_DOC))
          .field(NODE_HOST, optionalString("Host name of the node; null when the API sent none."))
          .field(NODE_IP, optionalString("IP address of the node; null when the API sent none."))
          .field(
              UPTIME_PERCENT,
              optionalFloat64(
                  "Uptime of the node over the day, in percent from 0 to 100 (API perc_uptime);"
                      + " null if absent."))
          .field(
              AVG_LATENCY_MS,
              optionalFloat64("Average latency over the day, in milliseconds; null if absent."))
          .field(VERSION, optionalString("Version of the node software; null if absent."))
          .field(
              NODE_STATUS,
              optionalString(
                  "Status of the node: ONLINE, OFFLINE, DISCONNECTED or any other string the API"
                      + " reports; null if absent."))
          .field(
              LAST_UPDATED, optionalTimestamp("When the node last reported (UTC); null if absent."))
          .field(
              LAST_LATENCY_MS,
              optionalFloat64("Latest latency measured, in milliseconds; null if absent."))
          .build();

  private NodeDailySchemas() {}
}
