package tech.flashback.connect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MinuteStatsEndpointTest {

  private static final Instant START = Instant.parse("2024-02-01T12:00:30Z");

  private final MockTime time = new MockTime(0, START.toEpochMilli(), 0);
  private FlashbackSimulator simulator;
  private SimHttp http;

  @BeforeEach
  void startSimulator() {
    simulator = FlashbackSimulator.builder().time(time).start();
    http = new SimHttp(simulator);
  }

  @AfterEach
  void closeSimulator() {
    simulator.close();
  }

  private SyntheticDataset data() {
    return simulator.dataset();
  }

  private List<String> allIds() {
    return data().buckets().stream().map(SimBucket::id).toList();
  }

  private List<SimMinuteRow> fetch(String query) {
    JsonNode body = http.getJson("/stats/minute" + query);
    assertThat(body.get("success").asBoolean()).isTrue();
    List<SimMinuteRow> rows = new ArrayList<>();
    body.get("data").forEach(row -> rows.add(documentedRow(row)));
    return rows;
  }

  /** Parses a row strictly as documented: numbers as JSON numbers, timestamp in epoch ms. */
  static SimMinuteRow documentedRow(JsonNode row) {
    for (String field :
        List.of("timestamp", "upl_bytes", "dwl_bytes", "size_change", "latency_ms")) {
      assertThat(row.get(field).isIntegralNumber()).as(field + " in " + row).isTrue();
    }
    assertThat(row.size()).isEqualTo(8);
    return new SimMinuteRow(
        Instant.ofEpochMilli(row.get("timestamp").asLong()),
        row.get("bucketId").asText(),
        row.get("repoId").asText(),
        row.get("host").asText(),
        row.get("upl_bytes").asLong(),
        row.get("dwl_bytes").asLong(),
        row.get("size_change").asLong(),
        row.get("latency_ms").asLong());
  }

  private List<SimMinuteRow> expected(List<String> ids, Instant from, Instant to) {
    return data().visibleMinuteRows(ids, from, to, simulator.now()).toList();
  }

  @Test
  void returnsEveryVisibleRowOfEveryBucketWithoutParameters() {
    List<SimMinuteRow> rows = fetch("");
    assertThat(rows).isEqualTo(expected(allIds(), data().historyStart(), simulator.now()));
    // a day of ended minutes, 5 buckets x 2 repos x 2 hosts, minus withheld late minutes
    assertThat(rows.size()).isBetween(1440 * 20 - 3 * 20, 1440 * 20);
  }

  @Test
  void sortsByTimestampThenBucketRepoAndHost() {
    List<SimMinuteRow> rows = fetch("?startDate=2024-02-01T10:00:00.000Z");
    assertThat(rows)
        .isSortedAccordingTo(
            Comparator.comparing(SimMinuteRow::minute)
                .thenComparing(SimMinuteRow::bucketId)
                .thenComparing(SimMinuteRow::repoId)
                .thenComparing(SimMinuteRow::host));
  }

  @Test
  void returnsOnlyRowsInsideTheRequestedWindowWithBothBoundsInclusive() {
    List<SimMinuteRow> rows =
        fetch("?startDate=2024-02-01T10:00:00.000Z&endDate=2024-02-01T10:05:00.000Z");
    assertThat(rows)
        .extracting(SimMinuteRow::minute)
        .contains(Instant.parse("2024-02-01T10:00:00Z"), Instant.parse("2024-02-01T10:05:00Z"))
        .allSatisfy(
            m ->
                assertThat(m)
                    .isBetween(
                        Instant.parse("2024-02-01T10:00:00Z"),
                        Instant.parse("2024-02-01T10:05:00Z")));
    assertThat(rows)
        .isEqualTo(
            expected(
                allIds(),
                Instant.parse("2024-02-01T10:00:00Z"),
                Instant.parse("2024-02-01T10:05:00Z")));

    List<SimMinuteRow> inner =
        fetch("?startDate=2024-02-01T10:00:00.001Z&endDate=2024-02-01T10:04:59.999Z");
    assertThat(inner)
        .extracting(SimMinuteRow::minute)
        .doesNotContain(
            Instant.parse("2024-02-01T10:00:00Z"), Instant.parse("2024-02-01T10:05:00Z"));
  }

  @Test
  void acceptsInstantsWithAnOffset() {
    List<SimMinuteRow> rows =
        fetch("?startDate=2024-02-01T12:00:00%2B02:00&endDate=2024-02-01T12:00:00%2B02:00");
    assertThat(rows)
        .hasSize(20)
        .allSatisfy(r -> assertThat(r.minute()).isEqualTo(Instant.parse("2024-02-01T10:00:00Z")));
  }

  @Test
  void acceptsPlainDatesAsWholeUtcDays() {
    // History starts 2024-01-31T12:00Z, so that day holds its second half only.
    List<SimMinuteRow> rows = fetch("?startDate=2024-01-31&endDate=2024-01-31");
    assertThat(rows.get(0).minute()).isEqualTo(Instant.parse("2024-01-31T12:00:00Z"));
    assertThat(rows.get(rows.size() - 1).minute()).isEqualTo(Instant.parse("2024-01-31T23:59:00Z"));
    assertThat(rows).hasSize(720 * 20);
  }

  @Test
  void rejectsAnUnparsableDateWith400() {
    HttpResponse<String> response = http.get("/stats/minute?startDate=last-tuesday");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimHttp.parse(response.body()).get("message").asText()).contains("last-tuesday");
  }

  @Test
  void filtersByBucketAndRepoLists() {
    String a = allIds().get(1);
    String b = allIds().get(3);
    String repo = data().repoIds(b).get(0);
    String window = "&startDate=2024-02-01T09:00:00Z&endDate=2024-02-01T09:30:00Z";
    List<SimMinuteRow> rows = fetch("?bucketId=" + a + "," + b + ",unknown" + window);
    assertThat(rows).extracting(SimMinuteRow::bucketId).containsOnly(a, b);
    assertThat(rows).hasSize(31 * 2 * 4);

    List<SimMinuteRow> oneRepo = fetch("?bucketId=" + a + "," + b + "&repoId=" + repo + window);
    assertThat(oneRepo)
        .hasSize(31 * 2)
        .allSatisfy(
            r -> {
              assertThat(r.bucketId()).isEqualTo(b);
              assertThat(r.repoId()).isEqualTo(repo);
            });
  }

  @Test
  void rowsAppearOnceTheirMinuteEndsAndLateRowsLateByLater() {
    String id = allIds().get(0);
    Instant late = firstLateMinuteAfter(id, START.plus(Duration.ofMinutes(1)), true);
    Instant onTime = firstLateMinuteAfter(id, START.plus(Duration.ofMinutes(1)), false);
    String lateQuery = "?bucketId=" + id + "&startDate=" + late + "&endDate=" + late;
    String onTimeQuery = "?bucketId=" + id + "&startDate=" + onTime + "&endDate=" + onTime;

    time.setCurrentTimeMs(onTime.plusSeconds(60).toEpochMilli() - 1);
    assertThat(fetch(onTimeQuery)).isEmpty();
    time.setCurrentTimeMs(onTime.plusSeconds(60).toEpochMilli());
    assertThat(fetch(onTimeQuery)).hasSize(4);

    time.setCurrentTimeMs(Math.max(time.milliseconds(), late.plusSeconds(60).toEpochMilli()));
    assertThat(fetch(lateQuery)).isEmpty();
    time.setCurrentTimeMs(late.plusSeconds(60 + 120).toEpochMilli() - 1);
    assertThat(fetch(lateQuery)).isEmpty();
    time.setCurrentTimeMs(late.plusSeconds(60 + 120).toEpochMilli());
    assertThat(fetch(lateQuery)).isEqualTo(data().minuteRows(id, late, late)).hasSize(4);
  }

  private Instant firstLateMinuteAfter(String id, Instant from, boolean late) {
    Instant minute = from.truncatedTo(ChronoUnit.MINUTES);
    while (data().isLate(id, minute) != late) {
      minute = minute.plusSeconds(60);
    }
    return minute;
  }

  @Test
  void dayGranularFilteringWidensTheWindowToWholeUtcDays() {
    try (FlashbackSimulator dayServer =
        FlashbackSimulator.builder()
            .time(time)
            .history(Duration.ofDays(3))
            .buckets(1)
            .dayGranularFiltering(true)
            .start()) {
      JsonNode data =
          new SimHttp(dayServer)
              .getJson(
                  "/stats/minute?bucketId="
                      + dayServer.dataset().buckets().get(0).id()
                      + "&startDate=2024-01-31T10:30:00.000Z&endDate=2024-01-31T10:35:00.000Z")
              .get("data");
      assertThat(data).hasSize(1440 * 4);
      assertThat(data.get(0).get("timestamp").asLong())
          .isEqualTo(Instant.parse("2024-01-31T00:00:00Z").toEpochMilli());
      assertThat(data.get(data.size() - 1).get("timestamp").asLong())
          .isEqualTo(Instant.parse("2024-01-31T23:59:00Z").toEpochMilli());
    }
  }

  @Test
  void streamsLargeResponsesChunked() {
    try (FlashbackSimulator big =
        FlashbackSimulator.builder().time(time).buckets(20).history(Duration.ofHours(12)).start()) {
      HttpResponse<String> response = new SimHttp(big).get("/stats/minute");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Length")).isEmpty();
      long rows = big.requests(SimulatorEndpoint.MINUTE_STATS).get(0).rows();
      assertThat(rows).isGreaterThan(20 * 719 * 4);
      assertThat(SimHttp.parse(response.body()).get("data").size()).isEqualTo((int) rows);
    }
  }
}
