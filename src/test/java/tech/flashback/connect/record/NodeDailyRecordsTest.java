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
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.model.NodeDailyStat;

class NodeDailyRecordsTest {

  private static final String TOPIC = "flashback.node-daily";
  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  private static final Instant MIDNIGHT = Instant.parse("2024-01-15T00:00:00Z");
  private static final Instant LAST_UPDATED = Instant.parse("2024-01-15T10:30:00Z");

  private static NodeDailyStat fullRow() {
    return new NodeDailyStat(
        "b-1",
        DAY,
        "192.168.1.100",
        "*-us-east-1-aws.flashback.tech",
        99.5,
        45.0,
        "1.2.3",
        "ONLINE",
        LAST_UPDATED,
        42.0);
  }

  private static NodeDailyStat row(String ip, String host) {
    return new NodeDailyStat("b-1", DAY, ip, host, null, null, null, null, null, null);
  }

  private static SourceRecord convert(NodeDailyStat row) {
    return NodeDailyRecords.toRecord(PARTITION, OFFSET, TOPIC, row);
  }

  @Test
  void keySchemaHasTheBucketDayHostAndIp() {
    Schema key = NodeDailySchemas.KEY_SCHEMA;
    assertThat(key.fields())
        .extracting(f -> f.name())
        .containsExactly("bucket_id", "day", "node_host", "node_ip");
    assertThat(key.field("day").schema().name())
        .isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
    assertThat(key.field("node_host").schema().doc()).contains("empty string");
    assertThat(key.field("node_ip").schema().doc()).contains("empty string");
  }

  @Test
  void valueSchemaUsesDateTimestampAndFloat64() {
    Schema value = NodeDailySchemas.VALUE_SCHEMA;
    assertThat(value.fields())
        .extracting(f -> f.name())
        .containsExactly(
            "bucket_id",
            "day",
            "node_host",
            "node_ip",
            "uptime_percent",
            "avg_latency_ms",
            "version",
            "node_status",
            "last_updated",
            "last_latency_ms");
    assertThat(value.field("day").schema().name())
        .isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
    assertThat(value.field("day").schema().isOptional()).isFalse();
    assertThat(value.field("last_updated").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    for (String measure : List.of("uptime_percent", "avg_latency_ms", "last_latency_ms")) {
      assertThat(value.field(measure).schema().type()).isEqualTo(Schema.Type.FLOAT64);
      assertThat(value.field(measure).schema().isOptional()).isTrue();
    }
    assertThat(value.field("node_host").schema().isOptional()).isTrue();
    assertThat(value.field("node_ip").schema().isOptional()).isTrue();
  }

  @Test
  void mapsAFullRowExactly() {
    SourceRecord record = convert(fullRow());

    assertValid(record, NodeDailySchemas.KEY_SCHEMA, NodeDailySchemas.VALUE_SCHEMA);
    Struct value = value(record);
    assertThat(value.getString("bucket_id")).isEqualTo("b-1");
    assertThat(value.get("day")).isEqualTo(Date.from(MIDNIGHT));
    assertThat(value.getString("node_host")).isEqualTo("*-us-east-1-aws.flashback.tech");
    assertThat(value.getString("node_ip")).isEqualTo("192.168.1.100");
    assertThat(value.getFloat64("uptime_percent")).isEqualTo(99.5);
    assertThat(value.getFloat64("avg_latency_ms")).isEqualTo(45.0);
    assertThat(value.getString("version")).isEqualTo("1.2.3");
    assertThat(value.getString("node_status")).isEqualTo("ONLINE");
    assertThat(value.get("last_updated")).isEqualTo(Date.from(LAST_UPDATED));
    assertThat(value.getFloat64("last_latency_ms")).isEqualTo(42.0);

    Struct key = key(record);
    assertThat(key.getString("bucket_id")).isEqualTo("b-1");
    assertThat(key.get("day")).isEqualTo(Date.from(MIDNIGHT));
    assertThat(key.getString("node_host")).isEqualTo("*-us-east-1-aws.flashback.tech");
    assertThat(key.getString("node_ip")).isEqualTo("192.168.1.100");
  }

  @Test
  void writesTheDayAsAConnectDateAtUtcMidnight() {
    SourceRecord record = convert(fullRow());
    Schema daySchema = NodeDailySchemas.VALUE_SCHEMA.field("day").schema();

    int epochDay =
        org.apache.kafka.connect.data.Date.fromLogical(daySchema, (Date) value(record).get("day"));

    assertThat(epochDay).isEqualTo((int) DAY.toEpochDay());
    assertThat(record.timestamp()).isEqualTo(MIDNIGHT.toEpochMilli());
  }

  @Test
  void keepsAbsentValuesNullInTheValueAndEmptyInTheKey() {
    SourceRecord hostOnly = convert(row(null, "node-a"));
    SourceRecord ipOnly = convert(row("10.0.0.1", null));

    assertValid(hostOnly, NodeDailySchemas.KEY_SCHEMA, NodeDailySchemas.VALUE_SCHEMA);
    assertValid(ipOnly, NodeDailySchemas.KEY_SCHEMA, NodeDailySchemas.VALUE_SCHEMA);
    for (String field :
        List.of(
            "node_ip",
            "uptime_percent",
            "avg_latency_ms",
            "version",
            "node_status",
            "last_updated",
            "last_latency_ms")) {
      assertThat(value(hostOnly).get(field)).as(field).isNull();
    }
    assertThat(value(ipOnly).get("node_host")).isNull();
    assertThat(key(hostOnly).getString("node_ip")).isEmpty();
    assertThat(key(ipOnly).getString("node_host")).isEmpty();
  }

  @Test
  void passesPartitionOffsetAndTopicThroughAndNamesTheStreamInAHeader() {
    SourceRecord record = convert(fullRow());

    assertPassedThrough(record, TOPIC);
    assertStreamHeader(record, "node-daily");
  }

  @Test
  void givesNodesDifferingInAnyKeyPartDifferentKeys() {
    List<NodeDailyStat> rows =
        List.of(
            row("10.0.0.1", "node-a"),
            row("10.0.0.2", "node-a"),
            row("10.0.0.1", "node-b"),
            row(null, "node-a"),
            row("10.0.0.1", null),
            row("node-a", null), // a host-like value in the ip slot is not the same node
            new NodeDailyStat("b-2", DAY, "10.0.0.1", "node-a", null, null, null, null, null, null),
            new NodeDailyStat(
                "b-1", DAY.plusDays(1), "10.0.0.1", "node-a", null, null, null, null, null, null));

    assertThat(rows.stream().map(row -> key(convert(row)))).doesNotHaveDuplicates();
  }
}
