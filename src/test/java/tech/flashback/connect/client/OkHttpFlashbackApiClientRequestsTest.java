package tech.flashback.connect.client;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.client.ClientTestSupport.TOKEN;
import static tech.flashback.connect.client.ClientTestSupport.json;
import static tech.flashback.connect.client.ClientTestSupport.settings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.GzipSink;
import okio.Okio;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.Version;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;

/** What the client sends for each call, and what it makes of good answers. */
class OkHttpFlashbackApiClientRequestsTest {

  private final MockWebServer server = new MockWebServer();
  private final MockTime time = new MockTime();
  private RecordingSleeper sleeper;
  private OkHttpFlashbackApiClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    sleeper = new RecordingSleeper(time);
    client = newClient(settings(server).build());
  }

  private OkHttpFlashbackApiClient newClient(ApiClientSettings settings) {
    return new OkHttpFlashbackApiClient(settings, time, () -> 0.5, sleeper);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  @Test
  void listBucketsSendsAnAuthenticatedJsonGetWithOurUserAgent() throws Exception {
    server.enqueue(json("{\"success\":true,\"buckets\":[]}"));

    assertThat(client.listBuckets().rows()).isEmpty();

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/bucket");
    assertThat(request.getUrl().querySize()).isZero();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
    assertThat(request.getHeaders().get("User-Agent"))
        .isEqualTo("kafka-connect-flashback/" + Version.get());
  }

  @Test
  void listBucketsAsksForOneWorkspaceWhenGiven() throws Exception {
    server.enqueue(json("{\"success\":true,\"buckets\":[{\"id\":\"b-1\",\"key\":\"K\"}]}"));

    List<Bucket> buckets = client.listBuckets("workspace 7").rows();

    assertThat(buckets).extracting(Bucket::id).containsExactly("b-1");
    assertThat(take().getUrl().queryParameter("workspaceId")).isEqualTo("workspace 7");
  }

  @Test
  void baseUrlWithAPathPrefixIsKept() throws Exception {
    client.close();
    client = newClient(settings(server, "/api/v2/").build());
    server.enqueue(json("{\"success\":true,\"buckets\":[]}"));

    client.listBuckets();

    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v2/bucket");
  }

  @Test
  void bucketTotalsAsksInChunksOfTheConfiguredSizeAndMergesInOrder() throws Exception {
    client.close();
    client = newClient(settings(server).bucketIdsPerRequest(2).build());
    server.enqueue(json(totals("a", "b")));
    server.enqueue(json(totals("c", "d")));
    server.enqueue(json(totals("e")));

    ApiResult<BucketTotals> result = client.bucketTotals(List.of("a", "b", "c", "d", "e", "a"));

    assertThat(result.rows())
        .extracting(BucketTotals::bucketId)
        .containsExactly("a", "b", "c", "d", "e");
    assertThat(List.of(take(), take(), take()))
        .extracting(r -> r.getUrl().encodedQuery())
        .containsExactly("bucketId=a,b", "bucketId=c,d", "bucketId=e");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  private static String totals(String... ids) {
    StringBuilder json = new StringBuilder("{\"success\":true,\"stats\":[");
    for (int i = 0; i < ids.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"bucketId\":\"")
          .append(ids[i])
          .append("\",\"totalCount\":\"1\"}");
    }
    return json.append("]}").toString();
  }

  @Test
  void noBucketIdsMeansNoRequestBecauseTheApiWouldAnswerForAllBuckets() {
    assertThat(client.bucketTotals(List.of()).rows()).isEmpty();
    assertThat(client.minuteStats(List.of(), Instant.EPOCH, Instant.EPOCH).rows()).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void bucketTotalsKeepCountersBeyondTwoToThe53Exact() {
    server.enqueue(
        json(
            "{\"success\":true,\"stats\":[{\"bucketId\":\"a\",\"totalCount\":9007199254740993,"
                + "\"totalUploadBytes\":\"9223372036854775807\",\"totalDownloadBytes\":\"0\","
                + "\"totalSizeChange\":\"-9007199254740993\"}]}"));

    assertThat(client.bucketTotals(List.of("a")).rows())
        .containsExactly(
            new BucketTotals(
                "a", 9_007_199_254_740_993L, Long.MAX_VALUE, 0L, -9_007_199_254_740_993L));
  }

  @Test
  void nodeDailyStatsPostsTheDayAtUtcMidnightForOneBucket() throws Exception {
    server.enqueue(
        json("{\"success\":true,\"nodeStats\":[{\"ip\":\"10.0.0.1\",\"perc_uptime\":99.5}]}"));
    LocalDate day = LocalDate.parse("2024-01-15");

    List<NodeDailyStat> rows = client.nodeDailyStats("b/1", day).rows();

    assertThat(rows).singleElement().extracting(NodeDailyStat::bucketId).isEqualTo("b/1");
    assertThat(rows.get(0).day()).isEqualTo(day);
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/bucket/b%2F1/stats");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().utf8()).isEqualTo("{\"day\":\"2024-01-15T00:00:00.000Z\"}");
  }

  @Test
  void minuteStatsSendsTheWindowAsIsoInstantsWithTheIdsOfTheChunk() throws Exception {
    server.enqueue(
        json(
            "{\"success\":true,\"data\":[{\"timestamp\":1706745600000,\"bucketId\":\"a\","
                + "\"upl_bytes\":1}]}"));

    List<MinuteStat> rows =
        client
            .minuteStats(
                List.of("a", "b c"),
                Instant.parse("2024-02-01T00:00:00Z"),
                Instant.parse("2024-02-01T00:59:00Z"))
            .rows();

    assertThat(rows).extracting(MinuteStat::uploadBytes).containsExactly(1L);
    RecordedRequest request = take();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/stats/minute");
    assertThat(request.getUrl().queryParameter("startDate")).isEqualTo("2024-02-01T00:00:00.000Z");
    assertThat(request.getUrl().queryParameter("endDate")).isEqualTo("2024-02-01T00:59:00.000Z");
    assertThat(request.getUrl().queryParameter("bucketId")).isEqualTo("a,b c");
  }

  @Test
  void malformedRowsComeBackAsProblemsBesideTheGoodRows() {
    server.enqueue(
        json(
            "{\"success\":true,\"data\":[{\"timestamp\":1706745600000,\"bucketId\":\"a\","
                + "\"dwl_bytes\":\"lots\"},{\"timestamp\":1706745600000,\"bucketId\":\"a\"}]}"));

    ApiResult<MinuteStat> result = client.minuteStats(List.of("a"), Instant.EPOCH, Instant.EPOCH);

    assertThat(result.rows()).hasSize(1);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.bucketId()).isEqualTo("a");
              assertThat(p.reason()).contains("dwl_bytes");
              assertThat(p.rawJson()).contains("\"lots\"");
            });
  }

  @Test
  void gzipBodiesAreDecompressedAndCountedAsReadBytes() throws Exception {
    String body = "{\"success\":true,\"buckets\":[{\"id\":\"b-1\"},{\"id\":\"b-2\"}]}";
    Buffer gzipped = new Buffer();
    try (var sink = Okio.buffer(new GzipSink(gzipped))) {
      sink.writeUtf8(body);
    }
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .setHeader("Content-Encoding", "gzip")
            .body(gzipped)
            .build());

    assertThat(client.listBuckets().rows()).extracting(Bucket::id).containsExactly("b-1", "b-2");
    assertThat(client.counters().bytesRead(Endpoint.LIST_BUCKETS)).isEqualTo(body.length());
  }

  @Test
  void requestsArePacedToTheConfiguredRate() {
    client.close();
    client = newClient(settings(server).maxRequestsPerSecond(4).build());
    for (int i = 0; i < 3; i++) {
      server.enqueue(json("{\"success\":true,\"buckets\":[]}"));
    }

    client.listBuckets();
    client.listBuckets();
    client.listBuckets();

    // The mock clock only moves when the client waits, so every wait is one full interval.
    assertThat(sleeper.waits())
        .extracting(java.time.Duration::toMillis)
        .containsExactly(250L, 250L);
  }

  @Test
  void countersTrackRequestsPerEndpoint() {
    server.enqueue(json("{\"success\":true,\"buckets\":[]}"));
    server.enqueue(json(totals("a")));

    client.listBuckets();
    client.bucketTotals(List.of("a"));

    ClientCounters counters = client.counters();
    assertThat(counters.requests(Endpoint.LIST_BUCKETS)).isEqualTo(1);
    assertThat(counters.requests(Endpoint.BUCKET_TOTALS)).isEqualTo(1);
    assertThat(counters.requests(Endpoint.MINUTE_STATS)).isZero();
    assertThat(counters.bytesRead(Endpoint.BUCKET_TOTALS)).isEqualTo(totals("a").length());
  }
}
