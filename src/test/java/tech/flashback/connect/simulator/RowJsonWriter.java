package tech.flashback.connect.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes one row of each endpoint as JSON, applying the {@link EncodingPlan} (how values are
 * encoded) and the {@link MalformedRowPlan} (which rows are broken and how).
 */
final class RowJsonWriter {

  private static final ZoneOffset[] OFFSETS = {
    ZoneOffset.ofHours(2), ZoneOffset.ofHours(-5), ZoneOffset.ofHoursMinutes(5, 30)
  };
  private static final BigInteger BEYOND_INT64 = new BigInteger(Malformation.BEYOND_INT64_TEXT);

  private final EncodingPlan encoding;
  private final MalformedRowPlan malformed;

  RowJsonWriter(EncodingPlan encoding, MalformedRowPlan malformed) {
    this.encoding = encoding;
    this.malformed = malformed;
  }

  void writeBucket(JsonGenerator g, SimBucket bucket) throws IOException {
    long key = RowKeys.of(bucket);
    Malformation bad = malformed.bucket(bucket).orElse(null);
    g.writeStartObject();
    if (bad != Malformation.MISSING_BUCKET_ID) {
      g.writeStringField("id", bucket.id());
    }
    g.writeStringField("name", bucket.name());
    g.writeStringField("storageType", bucket.storageType());
    g.writeStringField("bucket", bucket.bucket());
    g.writeStringField("key", bucket.key());
    g.writeObjectFieldStart("secret");
    g.writeStringField("accessKeySecret", bucket.accessKeySecret());
    g.writeEndObject();
    g.writeStringField("endpoint", bucket.endpoint());
    g.writeStringField("region", bucket.region());
    g.writeStringField("status", bucket.status());
    g.writeStringField("lastStatusAt", iso(key, bucket.lastStatusAt()));
    g.writeStringField(
        "createdAt",
        bad == Malformation.UNPARSABLE_TIMESTAMP
            ? Malformation.UNPARSABLE_TIMESTAMP_TEXT
            : iso(key, bucket.createdAt()));
    g.writeStringField("workspaceId", bucket.workspaceId());
    writeExtraField(g, key);
    g.writeEndObject();
  }

  void writeTotals(JsonGenerator g, SimTotals totals) throws IOException {
    long key = RowKeys.of(totals);
    Malformation bad = malformed.totals(totals).orElse(null);
    g.writeStartObject();
    if (bad != Malformation.MISSING_BUCKET_ID) {
      g.writeStringField("bucketId", totals.bucketId());
    }
    if (bad == Malformation.UNPARSABLE_NUMBER) {
      g.writeStringField("totalCount", Malformation.UNPARSABLE_NUMBER_TEXT);
    } else {
      writeLong(g, key, "totalCount", totals.totalCount(), true);
    }
    if (bad == Malformation.BEYOND_INT64) {
      g.writeStringField("totalUploadBytes", Malformation.BEYOND_INT64_TEXT);
    } else {
      writeLong(g, key, "totalUploadBytes", totals.totalUploadBytes(), true);
    }
    writeLong(g, key, "totalDownloadBytes", totals.totalDownloadBytes(), true);
    writeLong(g, key, "totalSizeChange", totals.totalSizeChange(), true);
    writeExtraField(g, key);
    g.writeEndObject();
  }

  void writeNodeStat(JsonGenerator g, SimNodeStat stat) throws IOException {
    long key = RowKeys.of(stat);
    Malformation bad = malformed.nodeStat(stat).orElse(null);
    g.writeStartObject();
    g.writeStringField("ip", stat.ip());
    g.writeStringField("host", stat.host());
    if (bad == Malformation.UNPARSABLE_NUMBER) {
      g.writeStringField("perc_uptime", Malformation.UNPARSABLE_UPTIME_TEXT);
    } else if (encoding.asString(key, "perc_uptime", false)) {
      g.writeStringField("perc_uptime", Double.toString(stat.percUptime()));
    } else {
      g.writeNumberField("perc_uptime", stat.percUptime());
    }
    if (bad == Malformation.BEYOND_INT64) {
      g.writeFieldName("avg_latency_ms");
      g.writeNumber(BEYOND_INT64);
    } else {
      writeLong(g, key, "avg_latency_ms", stat.avgLatencyMs(), false);
    }
    g.writeStringField("version", stat.version());
    g.writeStringField("node_status", stat.nodeStatus());
    g.writeStringField(
        "last_updated",
        bad == Malformation.UNPARSABLE_TIMESTAMP
            ? Malformation.UNPARSABLE_TIMESTAMP_TEXT
            : iso(key, stat.lastUpdated()));
    writeLong(g, key, "last_latency_ms", stat.lastLatencyMs(), false);
    writeExtraField(g, key);
    g.writeEndObject();
  }

  void writeMinuteRow(JsonGenerator g, SimMinuteRow row) throws IOException {
    long key = RowKeys.of(row);
    Malformation bad = malformed.minuteRow(row).orElse(null);
    g.writeStartObject();
    if (bad == Malformation.UNPARSABLE_TIMESTAMP) {
      g.writeStringField("timestamp", Malformation.UNPARSABLE_TIMESTAMP_TEXT);
    } else {
      writeTimestamp(g, key, row.minute());
    }
    g.writeStringField("repoId", row.repoId());
    if (bad != Malformation.MISSING_BUCKET_ID) {
      g.writeStringField("bucketId", row.bucketId());
    }
    if (bad == Malformation.UNPARSABLE_NUMBER) {
      g.writeStringField("upl_bytes", Malformation.UNPARSABLE_NUMBER_TEXT);
    } else {
      writeLong(g, key, "upl_bytes", row.uplBytes(), false);
    }
    if (bad == Malformation.BEYOND_INT64) {
      g.writeFieldName("dwl_bytes");
      g.writeNumber(BEYOND_INT64);
    } else {
      writeLong(g, key, "dwl_bytes", row.dwlBytes(), false);
    }
    writeLong(g, key, "size_change", row.sizeChange(), false);
    writeLong(g, key, "latency_ms", row.latencyMs(), false);
    g.writeStringField("host", row.host());
    writeExtraField(g, key);
    g.writeEndObject();
  }

  private void writeLong(
      JsonGenerator g, long rowKey, String field, long value, boolean documentedAsString)
      throws IOException {
    if (encoding.asString(rowKey, field, documentedAsString)) {
      g.writeStringField(field, Long.toString(value));
    } else {
      g.writeNumberField(field, value);
    }
  }

  private void writeTimestamp(JsonGenerator g, long rowKey, Instant minute) throws IOException {
    switch (encoding.timestampStyle(rowKey)) {
      case EPOCH_SECONDS -> g.writeNumberField("timestamp", minute.getEpochSecond());
      case ISO_UTC -> g.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(minute));
      case ISO_OFFSET -> g.writeStringField("timestamp", withOffset(rowKey, minute));
      default -> g.writeNumberField("timestamp", minute.toEpochMilli());
    }
  }

  private String iso(long rowKey, Instant instant) {
    return encoding.isoWithOffset(rowKey)
        ? withOffset(rowKey, instant)
        : DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static String withOffset(long rowKey, Instant instant) {
    ZoneOffset offset = OFFSETS[(int) SplitMix64.below(SplitMix64.mix(rowKey), OFFSETS.length)];
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset));
  }

  /** An unknown field a client must ignore; nested, to exercise skipping whole structures. */
  private void writeExtraField(JsonGenerator g, long rowKey) throws IOException {
    if (encoding.extraField(rowKey)) {
      g.writeObjectFieldStart("x_sim_meta");
      g.writeNumberField("shard", SplitMix64.below(rowKey, 16));
      g.writeArrayFieldStart("tags");
      g.writeString("unknown-field");
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
