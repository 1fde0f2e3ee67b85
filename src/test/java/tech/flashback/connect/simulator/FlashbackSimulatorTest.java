package tech.flashback.connect.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlashbackSimulatorTest {

  static final Instant START = Instant.parse("2024-02-01T12:00:30Z");

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

  @Test
  void bindsLoopbackOnAnEphemeralPortWithTheDefaults() {
    assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port());
    assertThat(simulator.port()).isPositive();
    assertThat(simulator.token()).isEqualTo("sim-token");
    assertThat(data().buckets()).hasSize(5);
    assertThat(data().historyStart()).isEqualTo(Instant.parse("2024-01-31T12:00:00Z"));
  }

  @Test
  void listsBucketsWithEveryFieldIncludingCredentials() {
    JsonNode body = http.getJson("/bucket");
    assertThat(body.get("success").asBoolean()).isTrue();
    JsonNode buckets = body.get("buckets");
    assertThat(buckets).hasSize(5);
    for (int i = 0; i < 5; i++) {
      SimBucket expected = data().buckets().get(i);
      JsonNode row = buckets.get(i);
      assertThat(row.get("id").asText()).isEqualTo(expected.id());
      assertThat(row.get("name").asText()).isEqualTo(expected.name());
      assertThat(row.get("storageType").asText()).isIn("S3", "GCS", "BLOB");
      assertThat(row.get("bucket").asText()).isEqualTo(expected.bucket());
      assertThat(row.get("key").asText()).isEqualTo(expected.key());
      assertThat(row.get("secret").isObject()).isTrue();
      assertThat(row.get("secret").get("accessKeySecret").asText())
          .isEqualTo(expected.accessKeySecret());
      assertThat(row.get("endpoint").asText()).startsWith("https://");
      assertThat(row.get("region").asText()).isEqualTo(expected.region());
      assertThat(row.get("status").asText()).isEqualTo("ACTIVE");
      assertThat(Instant.parse(row.get("lastStatusAt").asText()))
          .isEqualTo(expected.lastStatusAt());
      assertThat(Instant.parse(row.get("createdAt").asText())).isEqualTo(expected.createdAt());
      assertThat(row.get("workspaceId").asText()).isEqualTo(expected.workspaceId());
    }
  }

  @Test
  void filtersTheListingByWorkspace() {
    String workspace = data().workspaceIds().get(1);
    JsonNode buckets = http.getJson("/bucket?workspaceId=" + workspace).get("buckets");
    assertThat(buckets).hasSize(2);
    assertThat(buckets)
        .allSatisfy(b -> assertThat(b.get("workspaceId").asText()).isEqualTo(workspace));
    assertThat(http.getJson("/bucket?workspaceId=nobody").get("buckets")).isEmpty();
  }

  @Test
  void bucketTotalsAreDecimalStringsMatchingTheDataset() {
    List<SimBucket> buckets = data().buckets();
    String ids = buckets.get(3).id() + "," + buckets.get(1).id() + ",unknown-id";
    JsonNode stats = http.getJson("/bucket/stats?bucketId=" + ids).get("stats");
    assertThat(stats).hasSize(2);
    assertTotals(stats.get(0), data().totals(buckets.get(3).id(), START));
    assertTotals(stats.get(1), data().totals(buckets.get(1).id(), START));
    // A day of ended minutes, 4 rows each, minus the late minutes still withheld.
    long withheld =
        data().minuteRows(buckets.get(3).id(), data().historyStart(), START).stream()
            .filter(r -> r.minute().plusSeconds(60).isBefore(START))
            .filter(r -> data().visibleAt(r).isAfter(START))
            .count();
    assertThat(stats.get(0).get("totalCount").asLong()).isEqualTo(24 * 60 * 4 - withheld);
  }

  @Test
  void bucketTotalsWithoutIdsCoverEveryBucketAndGrowAsTimeAdvances() {
    JsonNode before = http.getJson("/bucket/stats").get("stats");
    assertThat(before).hasSize(5);
    time.sleep(Duration.ofMinutes(10).toMillis());
    JsonNode after = http.getJson("/bucket/stats").get("stats");
    for (int i = 0; i < 5; i++) {
      String id = data().buckets().get(i).id();
      assertTotals(after.get(i), data().totals(id, START.plus(Duration.ofMinutes(10))));
      assertThat(after.get(i).get("totalCount").asLong())
          .isGreaterThan(before.get(i).get("totalCount").asLong());
    }
  }

  static void assertTotals(JsonNode row, SimTotals expected) {
    assertThat(row.get("bucketId").asText()).isEqualTo(expected.bucketId());
    assertThat(row.get("totalCount").isTextual()).isTrue();
    assertThat(row.get("totalCount").asText()).isEqualTo(Long.toString(expected.totalCount()));
    assertThat(row.get("totalUploadBytes").asText())
        .isEqualTo(Long.toString(expected.totalUploadBytes()));
    assertThat(row.get("totalDownloadBytes").asText())
        .isEqualTo(Long.toString(expected.totalDownloadBytes()));
    assertThat(row.get("totalSizeChange").asText())
        .isEqualTo(Long.toString(expected.totalSizeChange()));
  }

  @Test
  void nodeStatsMatchTheDatasetOnePerNode() {
    String id = data().buckets().get(0).id();
    HttpResponse<String> response =
        http.post("/bucket/" + id + "/stats", "{\"day\":\"2024-02-01T00:00:00.000Z\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode stats = SimHttp.parse(response.body()).get("nodeStats");
    List<SimNodeStat> expected = data().nodeStats(id, LocalDate.parse("2024-02-01"));
    assertThat(stats).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode row = stats.get(i);
      SimNodeStat stat = expected.get(i);
      assertThat(row.get("ip").asText()).isEqualTo(stat.ip());
      assertThat(row.get("host").asText()).isEqualTo(stat.host());
      assertThat(row.get("perc_uptime").isNumber()).isTrue();
      assertThat(row.get("perc_uptime").asDouble()).isEqualTo(stat.percUptime());
      assertThat(row.get("avg_latency_ms").asLong()).isEqualTo(stat.avgLatencyMs());
      assertThat(row.get("version").asText()).isEqualTo(stat.version());
      assertThat(row.get("node_status").asText()).isEqualTo(stat.nodeStatus());
      assertThat(Instant.parse(row.get("last_updated").asText())).isEqualTo(stat.lastUpdated());
      assertThat(row.get("last_latency_ms").asLong()).isEqualTo(stat.lastLatencyMs());
    }
  }

  @Test
  void nodeStatsAreEmptyBeforeHistoryStartAndForDaysNotBegun() {
    String path = "/bucket/" + data().buckets().get(0).id() + "/stats";
    assertThat(nodeStatsOf(http.post(path, "{\"day\":\"2024-01-30T00:00:00.000Z\"}"))).isEmpty();
    assertThat(nodeStatsOf(http.post(path, "{\"day\":\"2024-02-02T00:00:00Z\"}"))).isEmpty();
    assertThat(nodeStatsOf(http.post(path, "{\"day\":\"2024-01-31T00:00:00Z\"}"))).hasSize(3);
  }

  private static JsonNode nodeStatsOf(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    return SimHttp.parse(response.body()).get("nodeStats");
  }

  @Test
  void nodeStatsRejectAMissingInvalidOrNonMidnightDayWith400() {
    String path = "/bucket/" + data().buckets().get(0).id() + "/stats";
    for (String body :
        List.of(
            "",
            "{}",
            "not json",
            "{\"day\":\"yesterday\"}",
            "{\"day\":\"2024-02-01T10:00:00.000Z\"}",
            "{\"day\":\"2024-02-01T00:00:00+02:00\"}",
            "{\"day\":20240201}")) {
      HttpResponse<String> response = http.post(path, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      JsonNode json = SimHttp.parse(response.body());
      assertThat(json.get("success").asBoolean()).isFalse();
      assertThat(json.get("message").asText()).isNotBlank();
    }
  }

  @Test
  void nodeStatsForAnUnknownBucketAre404() {
    HttpResponse<String> response =
        http.post("/bucket/no-such-bucket/stats", "{\"day\":\"2024-02-01T00:00:00.000Z\"}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(SimHttp.parse(response.body()).get("success").asBoolean()).isFalse();
  }

  @Test
  void rejectsAWrongOrMissingTokenWithoutEchoingIt() {
    SimHttp wrong = new SimHttp(simulator.baseUrl(), "guessed-secret-token");
    SimHttp none = new SimHttp(simulator.baseUrl(), null);
    for (HttpResponse<String> response :
        List.of(
            wrong.get("/bucket"),
            wrong.get("/stats/minute"),
            none.get("/bucket/stats"),
            wrong.post("/bucket/x/stats", "{}"))) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"success\":false,\"message\":\"Unauthorized\"}");
      assertThat(response.body()).doesNotContain("guessed").doesNotContain("sim-token");
    }
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() {
    assertThat(http.get("/nope").statusCode()).isEqualTo(404);
    assertThat(http.post("/bucket", "{}").statusCode()).isEqualTo(405);
    assertThat(http.get("/bucket/x/stats").statusCode()).isEqualTo(405);
  }

  @Test
  void gzipsWhenTheClientAcceptsIt() throws IOException {
    HttpResponse<byte[]> response =
        http.send(
            http.request("/stats/minute").header("Accept-Encoding", "gzip").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
    String body = new String(plain, StandardCharsets.UTF_8);
    assertThat(SimHttp.parse(body).get("data").size()).isGreaterThan(20_000);
    assertThat(response.body().length).isLessThan(plain.length / 2);
    assertThat(http.get("/bucket").headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void addedBucketsAppearEverywhereAndRemovedOnesDisappear() {
    time.sleep(Duration.ofMinutes(5).toMillis());
    String added = simulator.addBucket();
    assertThat(added).isEqualTo(data().buckets().get(5).id());
    assertThat(http.getJson("/bucket").get("buckets")).hasSize(6);
    assertThat(http.getJson("/bucket/stats?bucketId=" + added).get("stats")).hasSize(1);

    String removed = data().buckets().get(0).id();
    assertThat(simulator.removeBucket(removed)).isTrue();
    assertThat(http.getJson("/bucket").toString()).doesNotContain(removed);
    assertThat(http.getJson("/bucket/stats").toString()).doesNotContain(removed);
    assertThat(http.getJson("/bucket/stats?bucketId=" + removed).get("stats")).isEmpty();
    assertThat(http.getJson("/stats/minute?bucketId=" + removed).get("data")).isEmpty();
    assertThat(
            http.post("/bucket/" + removed + "/stats", "{\"day\":\"2024-02-01T00:00:00Z\"}")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void sameSeedGivesIdenticalBodiesAndAnotherSeedDifferentOnes() {
    try (FlashbackSimulator twin = FlashbackSimulator.builder().time(time).start();
        FlashbackSimulator other = FlashbackSimulator.builder().time(time).seed(7).start()) {
      SimHttp twinHttp = new SimHttp(twin);
      SimHttp otherHttp = new SimHttp(other);
      String path = "/bucket/" + data().buckets().get(2).id() + "/stats";
      String day = "{\"day\":\"2024-02-01T00:00:00.000Z\"}";
      for (String target : List.of("/bucket", "/bucket/stats", "/stats/minute")) {
        String body = http.get(target).body();
        assertThat(twinHttp.get(target).body()).isEqualTo(body);
        assertThat(otherHttp.get(target).body()).isNotEqualTo(body);
      }
      assertThat(twinHttp.post(path, day).body()).isEqualTo(http.post(path, day).body());
    }
  }

  @Test
  void requestLogRecordsEveryRequest() {
    String id = data().buckets().get(0).id();
    time.sleep(1234);
    http.get("/bucket/stats?bucketId=" + id + ",other");
    http.post("/bucket/" + id + "/stats", "{\"day\":\"2024-02-01T00:00:00Z\"}");
    new SimHttp(simulator.baseUrl(), "bad").get("/bucket");

    List<LoggedRequest> log = simulator.requests();
    assertThat(log).hasSize(3);
    LoggedRequest totals = log.get(0);
    assertThat(totals.time()).isEqualTo(START.plusMillis(1234));
    assertThat(totals.method()).isEqualTo("GET");
    assertThat(totals.endpoint()).isEqualTo(SimulatorEndpoint.BUCKET_TOTALS);
    assertThat(totals.path()).isEqualTo("/bucket/stats");
    assertThat(totals.query()).containsEntry("bucketId", id + ",other");
    assertThat(totals.bucketIds()).containsExactly(id, "other");
    assertThat(totals.status()).isEqualTo(200);
    assertThat(totals.rows()).isEqualTo(1);
    assertThat(totals.duration()).isPositive();
    assertThat(totals.fault()).isEmpty();
    assertThat(totals.target()).isEqualTo("/bucket/stats?bucketId=" + id + ",other");

    LoggedRequest post = log.get(1);
    assertThat(post.endpoint()).isEqualTo(SimulatorEndpoint.NODE_DAILY);
    assertThat(post.bucketIds()).containsExactly(id);
    assertThat(post.body()).contains("2024-02-01");
    assertThat(post.rows()).isEqualTo(3);

    assertThat(log.get(2).status()).isEqualTo(401);
    assertThat(simulator.requests(SimulatorEndpoint.LIST_BUCKETS)).hasSize(1);
    simulator.clearRequests();
    assertThat(simulator.requests()).isEmpty();
  }

  @Test
  void closeStopsTheServerPromptly() {
    long started = System.nanoTime();
    simulator.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(catchThrowable(() -> http.get("/bucket"))).isNotNull();
  }
}
