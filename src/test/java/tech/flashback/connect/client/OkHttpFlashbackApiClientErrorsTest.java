package tech.flashback.connect.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.client.ClientTestSupport.json;
import static tech.flashback.connect.client.ClientTestSupport.settings;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;

/** How the client classifies failures, retries what is transient and refuses the rest. */
class OkHttpFlashbackApiClientErrorsTest {

  private static final String EMPTY_BUCKETS = "{\"success\":true,\"buckets\":[]}";

  private final MockWebServer server = new MockWebServer();
  private final MockTime time = new MockTime(0, 1_763_719_200_000L, 0); // 2025-11-21T10:00:00Z
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

  @Test
  void unauthorizedIsFatalAndNotRetried() {
    server.enqueue(json(401, "{\"success\":false,\"message\":\"Unauthorized\"}"));

    assertThatThrownBy(client::listBuckets)
        .isInstanceOfSatisfying(
            ApiAuthenticationException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("rejected the API token (HTTP 401 on list-buckets)");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(client.counters().errors(Endpoint.LIST_BUCKETS, ErrorKind.AUTHENTICATION))
        .isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedWithJitteredBackoffUntilTheySucceed() {
    server.enqueue(json(503, "{\"success\":false,\"message\":\"Service Unavailable\"}"));
    server.enqueue(json(500, "{}"));
    server.enqueue(json(EMPTY_BUCKETS));

    assertThat(client.listBuckets().rows()).isEmpty();

    assertThat(server.getRequestCount()).isEqualTo(3);
    // jitter 0.5 of the ceilings 100 ms and 200 ms
    assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    ClientCounters counters = client.counters();
    assertThat(counters.requests(Endpoint.LIST_BUCKETS)).isEqualTo(3);
    assertThat(counters.retries(Endpoint.LIST_BUCKETS)).isEqualTo(2);
    assertThat(counters.errors(Endpoint.LIST_BUCKETS, ErrorKind.TRANSIENT)).isEqualTo(2);
  }

  @Test
  void tooManyRequestsWaitsTheRetryAfterSeconds() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());
    server.enqueue(json(EMPTY_BUCKETS));

    client.listBuckets();

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void tooManyRequestsWaitsUntilTheRetryAfterDate() {
    String in12Seconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.ofEpochMilli(time.milliseconds()).plusSeconds(12).atOffset(ZoneOffset.UTC));
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", in12Seconds).build());
    server.enqueue(json(EMPTY_BUCKETS));

    client.listBuckets();

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void anExcessiveRetryAfterIsCapped() {
    client.close();
    client = newClient(settings(server).maxRetryAfter(Duration.ofSeconds(30)).build());
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "86400").build());
    server.enqueue(json(EMPTY_BUCKETS));

    client.listBuckets();

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void persistentTransientFailuresEndInARetriableError() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(503, "{\"success\":false,\"message\":\"down for maintenance\"}"));
    }

    assertThatThrownBy(() -> client.bucketTotals(List.of("a")))
        .isInstanceOfSatisfying(
            ApiUnavailableException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessage(
            "Flashback API unavailable for bucket-totals after 3 attempts: HTTP 503: down for"
                + " maintenance");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void requestTimeoutAndTooEarlyAreRetried() {
    server.enqueue(new MockResponse.Builder().code(408).build());
    server.enqueue(new MockResponse.Builder().code(425).build());
    server.enqueue(json(EMPTY_BUCKETS));

    client.listBuckets();

    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aBadRequestIsNotRetriedAndCarriesTheServerMessage() {
    server.enqueue(json(400, "{\"success\":false,\"message\":\"day must be midnight UTC\"}"));

    assertThatThrownBy(() -> client.nodeDailyStats("b", LocalDate.EPOCH))
        .isInstanceOfSatisfying(
            ApiRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage(
            "Flashback API rejected the node-daily request (HTTP 400): day must be midnight UTC");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void successFalseInAnOkAnswerIsARequestErrorWithTheServerMessage() {
    server.enqueue(json("{\"success\":false,\"message\":\"workspace archived\"}"));

    assertThatThrownBy(client::listBuckets)
        .isInstanceOf(ApiRequestException.class)
        .hasMessage("Flashback API answered success=false for list-buckets: workspace archived");
  }

  @Test
  void aProxyHtmlErrorPageIsRetried() {
    server.enqueue(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html><body><h1>502 Bad Gateway</h1></body></html>")
            .build());
    server.enqueue(json(EMPTY_BUCKETS));

    assertThat(client.listBuckets().rows()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void htmlOrEmptyOrTruncatedOkBodiesAreRetried() {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "text/html")
            .body("<html>maintenance</html>")
            .build());
    server.enqueue(json(""));
    server.enqueue(json("{\"success\":true,\"buckets\":[{\"id\":\"b-1\"},{\"id\":"));
    client.close();
    client = newClient(settings(server).maxAttempts(4).build());
    server.enqueue(json(EMPTY_BUCKETS));

    assertThat(client.listBuckets().rows()).isEmpty();

    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(client.counters().errors(Endpoint.LIST_BUCKETS, ErrorKind.TRANSIENT)).isEqualTo(3);
  }

  @Test
  void aConnectionDroppedInTheMiddleOfTheBodyIsRetried() {
    StringBuilder rows = new StringBuilder("{\"success\":true,\"data\":[");
    for (int i = 0; i < 2_000; i++) {
      rows.append(i == 0 ? "" : ",").append("{\"timestamp\":1706745600000,\"bucketId\":\"a\"}");
    }
    String body = rows.append("]}").toString();
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .body(body)
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(json(body));

    List<MinuteStat> rowsRead =
        client.minuteStats(List.of("a"), Instant.EPOCH, Instant.EPOCH).rows();

    assertThat(rowsRead).hasSize(2_000);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aStalledResponseTimesOutAndIsRetried() {
    client.close();
    client = newClient(settings(server).readTimeout(Duration.ofMillis(200)).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(json(EMPTY_BUCKETS));

    assertThat(client.listBuckets().rows()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aForbiddenBucketInAChunkIsIsolatedByHalvingAndTheOthersAreServed() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String ids = request.getUrl().queryParameter("bucketId");
            if (ids.contains("d")) {
              return json(403, "{\"success\":false,\"message\":\"no access to bucket d\"}");
            }
            StringBuilder body = new StringBuilder("{\"success\":true,\"stats\":[");
            String[] split = ids.split(",");
            for (int i = 0; i < split.length; i++) {
              body.append(i == 0 ? "" : ",")
                  .append("{\"bucketId\":\"")
                  .append(split[i])
                  .append("\",\"totalCount\":1}");
            }
            return json(body.append("]}").toString());
          }
        });

    ApiResult<BucketTotals> result = client.bucketTotals(List.of("a", "b", "c", "d"));

    assertThat(result.rows()).extracting(BucketTotals::bucketId).containsExactly("a", "b", "c");
    assertThat(result.deniedBuckets())
        .containsExactly(new BucketDenial("d", 403, "no access to bucket d"));
    // a,b,c,d (403) -> a,b (ok) + c,d (403) -> c (ok) + d (403)
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void anUnknownBucketForDailyStatsIsADenialNotAnError() {
    server.enqueue(json(404, "{\"success\":false,\"message\":\"Bucket not found\"}"));

    ApiResult<?> result = client.nodeDailyStats("gone", LocalDate.EPOCH);

    assertThat(result.rows()).isEmpty();
    assertThat(result.deniedBuckets())
        .containsExactly(new BucketDenial("gone", 404, "Bucket not found"));
    assertThat(client.counters().errors(Endpoint.NODE_DAILY, ErrorKind.BUCKET_ACCESS)).isEqualTo(1);
  }

  @Test
  void aForbiddenBucketListingIsARequestError() {
    server.enqueue(json(403, "{\"success\":false,\"message\":\"not a member\"}"));

    assertThatThrownBy(() -> client.listBuckets("ws-9"))
        .isInstanceOf(ApiRequestException.class)
        .hasMessageContaining("refused the bucket listing (HTTP 403): not a member");
  }

  @Test
  void aBodyAboveTheMaximumByContentLengthIsRefusedWithoutRetry() {
    client.close();
    client = newClient(settings(server).maxResponseBytes(1_000).build());
    server.enqueue(json("{\"success\":true,\"buckets\":[],\"pad\":\"" + "x".repeat(5_000) + "\"}"));

    assertThatThrownBy(client::listBuckets)
        .isInstanceOf(ResponseTooLargeException.class)
        .hasMessageContaining("exceeds the maximum of 1000 bytes");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(client.counters().bytesRead(Endpoint.LIST_BUCKETS)).isZero();
  }

  @Test
  void aChunkedBodyAboveTheMaximumIsRefusedOnceTheLimitIsPassed() {
    client.close();
    client = newClient(settings(server).maxResponseBytes(100_000).build());
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .chunkedBody(
                "{\"success\":true,\"buckets\":[" + "{\"id\":\"b\"},".repeat(50_000), 4_096)
            .build());

    assertThatThrownBy(client::listBuckets).isInstanceOf(ResponseTooLargeException.class);
    assertThat(client.counters().bytesRead(Endpoint.LIST_BUCKETS)).isBetween(100_001L, 140_000L);
  }
}
