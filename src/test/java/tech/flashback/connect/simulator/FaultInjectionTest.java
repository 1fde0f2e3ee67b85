package tech.flashback.connect.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultInjectionTest {

  private static final Instant START = Instant.parse("2024-02-01T12:00:30Z");
  private static final String DAY = "{\"day\":\"2024-02-01T00:00:00.000Z\"}";

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

  private String bucket(int index) {
    return simulator.dataset().buckets().get(index).id();
  }

  @Test
  void retryAfterInSecondsComesWithA429JsonError() {
    simulator.failNext(SimulatorEndpoint.LIST_BUCKETS, 1, Fault.retryAfterSeconds(7));
    HttpResponse<String> response = http.get("/bucket");
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(SimHttp.parse(response.body()).get("success").asBoolean()).isFalse();
    assertThat(http.get("/bucket").statusCode()).isEqualTo(200);
  }

  @Test
  void retryAfterAsAnHttpDateIsAtLeastTheDelayAfterTheSimulatorsNow() {
    time.sleep(250);
    simulator.failNext(
        SimulatorEndpoint.MINUTE_STATS, 1, Fault.retryAfterHttpDate(Duration.ofSeconds(30)));
    HttpResponse<String> response = http.get("/stats/minute");
    assertThat(response.statusCode()).isEqualTo(429);
    String date = response.headers().firstValue("Retry-After").orElseThrow();
    assertThat(date).isEqualTo("Thu, 01 Feb 2024 12:01:01 GMT");
    Instant retryAt = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    assertThat(retryAt).isAfterOrEqualTo(simulator.now().plusSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void serverErrorsAreJsonErrorsWithTheirStatus(int status) {
    simulator.failNext(SimulatorEndpoint.BUCKET_TOTALS, 1, Fault.jsonError(status));
    HttpResponse<String> response = http.get("/bucket/stats");
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = SimHttp.parse(response.body());
    assertThat(body.get("success").asBoolean()).isFalse();
    assertThat(body.get("message").asText()).isEqualTo(Fault.reason(status));
  }

  @Test
  void queuedFaultsHitTheNextRequestsOnlyAndAreLogged() {
    simulator.failNext(SimulatorEndpoint.LIST_BUCKETS, 2, Fault.jsonError(500));
    assertThat(http.get("/bucket/stats").statusCode()).isEqualTo(200);
    assertThat(http.get("/bucket").statusCode()).isEqualTo(500);
    assertThat(http.get("/bucket").statusCode()).isEqualTo(500);
    assertThat(http.get("/bucket").statusCode()).isEqualTo(200);
    assertThat(simulator.requests(SimulatorEndpoint.LIST_BUCKETS))
        .extracting(r -> r.fault().map(Fault::kind).orElse(null))
        .containsExactly(FaultKind.JSON_ERROR, FaultKind.JSON_ERROR, null);
  }

  @Test
  void htmlErrorPageLooksLikeAProxys() {
    simulator.failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.htmlErrorPage(502));
    HttpResponse<String> response = http.get("/stats/minute");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.body()).contains("<title>502 Bad Gateway</title>").contains("nginx");
  }

  @Test
  void htmlBodyCanComeWithStatus200() {
    simulator.failNext(SimulatorEndpoint.LIST_BUCKETS, 1, Fault.htmlOkBody());
    HttpResponse<String> response = http.get("/bucket");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.body()).startsWith("<!DOCTYPE html>");
  }

  @Test
  void emptyBodyWithStatus200() {
    simulator.failNext(SimulatorEndpoint.BUCKET_TOTALS, 1, Fault.emptyOkBody());
    HttpResponse<String> response = http.get("/bucket/stats");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void unsuccessfulBodyWithStatus200() {
    simulator.failNext(SimulatorEndpoint.NODE_DAILY, 1, Fault.unsuccessful("Quota exceeded"));
    HttpResponse<String> response = http.post("/bucket/" + bucket(0) + "/stats", DAY);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"success\":false,\"message\":\"Quota exceeded\"}");
  }

  @Test
  void truncatedBodySendsFewerBytesThanContentLengthPromisesThenCloses() throws IOException {
    simulator.failNext(SimulatorEndpoint.LIST_BUCKETS, 1, Fault.truncatedBody());
    String raw = RawHttp.getUntilClosed(simulator.port(), "/bucket", simulator.token());
    String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
    String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    assertThat(head).startsWith("HTTP/1.1 200");
    long promised =
        Long.parseLong(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1").trim());
    assertThat(body).startsWith("{\"success\":true,\"buckets\":[");
    assertThat((long) body.length()).isPositive().isLessThan(promised);
    assertThat(simulator.requests().get(0).fault()).hasValue(Fault.truncatedBody());
  }

  @Test
  void truncatedChunkedBodyStopsMidJsonWithoutTheFinalChunk() throws IOException {
    simulator.failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.truncatedChunkedBody());
    String raw = RawHttp.getUntilClosed(simulator.port(), "/stats/minute", simulator.token());
    String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
    assertThat(head.toLowerCase()).contains("transfer-encoding: chunked");
    assertThat(raw).contains("{\"success\":true,\"data\":[").doesNotEndWith("0\r\n\r\n");
    assertThat(raw.length()).isGreaterThan(100_000);
  }

  @Test
  void truncatedBodiesFailAJavaHttpClient() {
    simulator.failNext(SimulatorEndpoint.BUCKET_TOTALS, 1, Fault.truncatedChunkedBody());
    simulator.failNext(SimulatorEndpoint.LIST_BUCKETS, 1, Fault.truncatedBody());
    assertThat(catchThrowable(() -> http.get("/bucket/stats"))).isNotNull();
    assertThat(catchThrowable(() -> http.get("/bucket"))).isNotNull();
    assertThat(http.get("/bucket").statusCode()).isEqualTo(200);
  }

  @Test
  void stallHoldsTheAnswerForItsDurationThenAnswersNormally() {
    simulator.failNext(SimulatorEndpoint.LIST_BUCKETS, 1, Fault.stall(Duration.ofMillis(300)));
    long started = System.nanoTime();
    HttpResponse<String> response = http.get("/bucket");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void stallUntilCloseIsReleasedByClose() throws Exception {
    simulator.failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.stallUntilClose());
    CompletableFuture<HttpResponse<String>> pending =
        HttpClient.newHttpClient()
            .sendAsync(
                http.request("/stats/minute").GET().build(), HttpResponse.BodyHandlers.ofString());
    while (simulator.faults().pendingFaults(SimulatorEndpoint.MINUTE_STATS) > 0) {
      Thread.onSpinWait(); // the handler has taken the stall
    }
    assertThat(pending).isNotDone();
    long started = System.nanoTime();
    simulator.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(catchThrowable(() -> pending.get(2, TimeUnit.SECONDS)))
        .isInstanceOf(ExecutionException.class);
    assertThat(simulator.requests().get(0).status()).isZero();
  }

  @Test
  void addedLatencyDelaysOnlyItsEndpoint() {
    simulator.faults().latency(SimulatorEndpoint.NODE_DAILY, Duration.ofMillis(250));
    long started = System.nanoTime();
    assertThat(http.post("/bucket/" + bucket(0) + "/stats", DAY).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(simulator.faults().latency(SimulatorEndpoint.LIST_BUCKETS)).isZero();
  }

  @Test
  void errorRateAnswersADeterministicShareWith503() {
    List<Integer> first = statusesWithErrorRate(simulator);
    try (FlashbackSimulator twin = FlashbackSimulator.builder().time(time).start()) {
      assertThat(statusesWithErrorRate(twin)).isEqualTo(first);
    }
    long unavailable = first.stream().filter(s -> s == 503).count();
    assertThat(unavailable).isBetween(5L, 25L);
    assertThat(first).containsOnly(200, 503);
  }

  private static List<Integer> statusesWithErrorRate(FlashbackSimulator target) {
    target.faults().errorRate(SimulatorEndpoint.LIST_BUCKETS, 0.3);
    SimHttp client = new SimHttp(target);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> response = client.get("/bucket");
      statuses.add(response.statusCode());
      if (response.statusCode() == 503) {
        assertThat(response.body())
            .isEqualTo("{\"success\":false,\"message\":\"Service Unavailable\"}");
      }
    }
    return statuses;
  }

  @Test
  void malformedMinuteRowsAreExactlyTheOnesTheDatasetReports() {
    simulator.faults().malformedRate(SimulatorEndpoint.MINUTE_STATS, 0.05);
    String window = "?startDate=2024-02-01T06:00:00Z&endDate=2024-02-01T09:59:00Z";
    JsonNode data = http.getJson("/stats/minute" + window).get("data");
    List<SimMinuteRow> expected =
        simulator
            .dataset()
            .visibleMinuteRows(
                simulator.dataset().buckets().stream().map(SimBucket::id).toList(),
                Instant.parse("2024-02-01T06:00:00Z"),
                Instant.parse("2024-02-01T09:59:00Z"),
                simulator.now())
            .toList();
    assertThat(data).hasSize(expected.size());
    Set<Malformation> seen = EnumSet.noneOf(Malformation.class);
    int broken = 0;
    for (int i = 0; i < expected.size(); i++) {
      SimMinuteRow row = expected.get(i);
      JsonNode json = data.get(i);
      Optional<Malformation> malformation = simulator.malformedRows().minuteRow(row);
      if (malformation.isEmpty()) {
        assertThat(MinuteStatsEndpointTest.documentedRow(json)).isEqualTo(row);
        continue;
      }
      broken++;
      seen.add(malformation.get());
      switch (malformation.get()) {
        case UNPARSABLE_NUMBER -> assertThat(json.get("upl_bytes").asText()).isEqualTo("12x");
        case UNPARSABLE_TIMESTAMP ->
            assertThat(json.get("timestamp").asText()).isEqualTo("not-a-time");
        case MISSING_BUCKET_ID -> assertThat(json.has("bucketId")).isFalse();
        case BEYOND_INT64 ->
            assertThat(json.get("dwl_bytes").bigIntegerValue().toString())
                .isEqualTo("99999999999999999999999");
        default -> throw new AssertionError(malformation);
      }
    }
    assertThat((double) broken / expected.size()).isBetween(0.03, 0.07);
    assertThat(seen).containsExactlyInAnyOrder(Malformation.values());
  }

  @Test
  void malformedRowsOnTheOtherEndpointsAreReportedToo() {
    simulator.faults().malformedRate(1.0);
    JsonNode buckets = http.getJson("/bucket").get("buckets");
    for (int i = 0; i < buckets.size(); i++) {
      Malformation m =
          simulator.malformedRows().bucket(simulator.dataset().buckets().get(i)).orElseThrow();
      JsonNode row = buckets.get(i);
      assertThat(
              m == Malformation.MISSING_BUCKET_ID
                  ? !row.has("id")
                  : row.get("createdAt").asText().equals("not-a-time"))
          .isTrue();
    }
    JsonNode stats = http.getJson("/bucket/stats").get("stats");
    assertThat(stats)
        .allSatisfy(
            row ->
                assertThat(
                        !row.has("bucketId")
                            || row.get("totalCount").asText().equals("12x")
                            || row.get("totalUploadBytes")
                                .asText()
                                .equals("99999999999999999999999"))
                    .isTrue());
    JsonNode nodes =
        SimHttp.parse(http.post("/bucket/" + bucket(0) + "/stats", DAY).body()).get("nodeStats");
    List<SimNodeStat> expected =
        simulator.dataset().nodeStats(bucket(0), LocalDate.parse("2024-02-01"));
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode row = nodes.get(i);
      switch (simulator.malformedRows().nodeStat(expected.get(i)).orElseThrow()) {
        case UNPARSABLE_NUMBER -> assertThat(row.get("perc_uptime").asText()).isEqualTo("high");
        case UNPARSABLE_TIMESTAMP ->
            assertThat(row.get("last_updated").asText()).isEqualTo("not-a-time");
        case BEYOND_INT64 -> assertThat(row.get("avg_latency_ms").isBigInteger()).isTrue();
        default -> throw new AssertionError(row);
      }
    }
  }

  @Test
  void deniedBucketsFailEveryRequestNamingThemButStayListed() {
    String denied = bucket(1);
    String fine = bucket(2);
    simulator.denyBucket(denied, 403);
    assertDenied(http.post("/bucket/" + denied + "/stats", DAY), 403);
    assertDenied(http.get("/bucket/stats?bucketId=" + fine + "," + denied), 403);
    assertDenied(http.get("/stats/minute?bucketId=" + denied + "," + fine), 403);
    assertThat(http.get("/bucket/stats?bucketId=" + fine).statusCode()).isEqualTo(200);
    assertThat(http.getJson("/bucket").toString()).contains(denied);
    assertThat(http.getJson("/bucket/stats").toString()).doesNotContain(denied).contains(fine);

    simulator.denyBucket(denied, 404);
    assertDenied(http.post("/bucket/" + denied + "/stats", DAY), 404);
    simulator.faults().allowBucket(denied);
    assertThat(http.post("/bucket/" + denied + "/stats", DAY).statusCode()).isEqualTo(200);
  }

  private static void assertDenied(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = SimHttp.parse(response.body());
    assertThat(body.get("success").asBoolean()).isFalse();
    assertThat(body.get("message").asText()).isNotBlank();
  }
}
