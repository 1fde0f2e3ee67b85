package tech.flashback.connect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VaryEncodingsTest {

  private static final Instant START = Instant.parse("2024-02-01T12:00:30Z");

  private final MockTime time = new MockTime(0, START.toEpochMilli(), 0);
  private FlashbackSimulator simulator;
  private SimHttp http;

  @BeforeEach
  void startSimulator() {
    simulator =
        FlashbackSimulator.builder().time(time).varyEncodings(true).largeCounters(true).start();
    http = new SimHttp(simulator);
  }

  @AfterEach
  void closeSimulator() {
    simulator.close();
  }

  /** Reads a number sent either as a JSON number or as a decimal string. */
  private static long number(JsonNode value) {
    return value.isTextual() ? Long.parseLong(value.asText()) : value.longValue();
  }

  private static Instant timestamp(JsonNode value, Set<TimestampStyle> seen) {
    if (value.isTextual()) {
      OffsetDateTime parsed = OffsetDateTime.parse(value.asText());
      seen.add(
          parsed.getOffset().getTotalSeconds() == 0
              ? TimestampStyle.ISO_UTC
              : TimestampStyle.ISO_OFFSET);
      return parsed.toInstant();
    }
    long epoch = value.longValue();
    boolean seconds = epoch < 100_000_000_000L;
    seen.add(seconds ? TimestampStyle.EPOCH_SECONDS : TimestampStyle.EPOCH_MILLIS);
    return seconds ? Instant.ofEpochSecond(epoch) : Instant.ofEpochMilli(epoch);
  }

  @Test
  void minuteRowsKeepTheirValuesWhateverTheEncoding() {
    String window = "?startDate=2024-02-01T08:00:00Z&endDate=2024-02-01T08:59:00Z";
    JsonNode data = http.getJson("/stats/minute" + window).get("data");
    List<SimMinuteRow> expected =
        simulator
            .dataset()
            .visibleMinuteRows(
                simulator.dataset().buckets().stream().map(SimBucket::id).toList(),
                Instant.parse("2024-02-01T08:00:00Z"),
                Instant.parse("2024-02-01T08:59:00Z"),
                simulator.now())
            .toList();
    assertThat(data).hasSize(expected.size());
    Set<TimestampStyle> styles = EnumSet.noneOf(TimestampStyle.class);
    Set<String> numberForms = new HashSet<>();
    int withExtraField = 0;
    for (int i = 0; i < data.size(); i++) {
      JsonNode row = data.get(i);
      numberForms.add(row.get("upl_bytes").getNodeType().name());
      withExtraField += row.has("x_sim_meta") ? 1 : 0;
      SimMinuteRow parsed =
          new SimMinuteRow(
              timestamp(row.get("timestamp"), styles),
              row.get("bucketId").asText(),
              row.get("repoId").asText(),
              row.get("host").asText(),
              number(row.get("upl_bytes")),
              number(row.get("dwl_bytes")),
              number(row.get("size_change")),
              number(row.get("latency_ms")));
      assertThat(parsed).isEqualTo(expected.get(i));
    }
    assertThat(styles).containsExactlyInAnyOrder(TimestampStyle.values());
    assertThat(numberForms).containsExactlyInAnyOrder("STRING", "NUMBER");
    assertThat(withExtraField).isBetween(data.size() / 8, data.size() / 2);
  }

  @Test
  void totalsKeepTheirValuesAndLargeCountersStayExact() {
    JsonNode stats = http.getJson("/bucket/stats").get("stats");
    Set<String> forms = new HashSet<>();
    for (int i = 0; i < stats.size(); i++) {
      JsonNode row = stats.get(i);
      SimTotals expected = simulator.dataset().totals(row.get("bucketId").asText(), START);
      forms.add(row.get("totalUploadBytes").getNodeType().name());
      assertThat(number(row.get("totalCount"))).isEqualTo(expected.totalCount());
      assertThat(number(row.get("totalUploadBytes"))).isEqualTo(expected.totalUploadBytes());
      assertThat(number(row.get("totalDownloadBytes"))).isEqualTo(expected.totalDownloadBytes());
      assertThat(number(row.get("totalSizeChange"))).isEqualTo(expected.totalSizeChange());
    }
    JsonNode large = stats.get(0);
    assertThat(number(large.get("totalUploadBytes"))).isGreaterThan(1L << 53);
    assertThat(number(large.get("totalSizeChange"))).isLessThan(-(1L << 53));
    assertThat(forms).contains("STRING");
  }

  @Test
  void largeCountersAreExactDecimalStringsByDefault() {
    try (FlashbackSimulator plain =
        FlashbackSimulator.builder().time(time).largeCounters(true).start()) {
      String id = plain.dataset().buckets().get(0).id();
      String body = new SimHttp(plain).get("/bucket/stats?bucketId=" + id).body();
      SimTotals totals = plain.dataset().totals(id, START);
      assertThat(totals.totalUploadBytes()).isGreaterThan(1L << 53);
      assertThat(totals.totalSizeChange()).isLessThan(-(1L << 53));
      assertThat(body)
          .contains("\"totalUploadBytes\":\"" + totals.totalUploadBytes() + "\"")
          .contains("\"totalDownloadBytes\":\"" + totals.totalDownloadBytes() + "\"")
          .contains("\"totalSizeChange\":\"" + totals.totalSizeChange() + "\"");
    }
  }

  @Test
  void nodeStatsKeepTheirValuesWhateverTheEncoding() {
    Set<String> uptimeForms = new HashSet<>();
    for (SimBucket bucket : simulator.dataset().buckets()) {
      String id = bucket.id();
      LocalDate day = LocalDate.parse("2024-02-01");
      JsonNode stats =
          SimHttp.parse(
                  http.post("/bucket/" + id + "/stats", "{\"day\":\"" + day + "T00:00:00.000Z\"}")
                      .body())
              .get("nodeStats");
      List<SimNodeStat> expected = simulator.dataset().nodeStats(id, day);
      for (int i = 0; i < stats.size(); i++) {
        JsonNode row = stats.get(i);
        SimNodeStat stat = expected.get(i);
        uptimeForms.add(row.get("perc_uptime").getNodeType().name());
        assertThat(Double.parseDouble(row.get("perc_uptime").asText()))
            .isEqualTo(stat.percUptime());
        assertThat(number(row.get("avg_latency_ms"))).isEqualTo(stat.avgLatencyMs());
        assertThat(number(row.get("last_latency_ms"))).isEqualTo(stat.lastLatencyMs());
        assertThat(OffsetDateTime.parse(row.get("last_updated").asText()).toInstant())
            .isEqualTo(stat.lastUpdated());
      }
    }
    assertThat(uptimeForms).containsExactlyInAnyOrder("STRING", "NUMBER");
  }
}
