package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.config.ConfigTestSupport.TOKEN;
import static tech.flashback.connect.config.ConfigTestSupport.allMessages;
import static tech.flashback.connect.config.ConfigTestSupport.errorsByKey;
import static tech.flashback.connect.config.ConfigTestSupport.props;
import static tech.flashback.connect.config.ConfigTestSupport.validateKeys;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.*;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.connect.client.ApiClientSettings;
import tech.flashback.connect.client.ApiResult;
import tech.flashback.connect.client.ClientCounters;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;

/** The one real call validation makes, against a mock Flashback API. */
class ConfigValidationLiveCheckTest {

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Map<String, String> serverProps(String... more) {
    Map<String, String> props = props(more);
    props.putIfAbsent(API_URL_CONFIG, server.url("/").toString());
    return props;
  }

  private static Config validate(Map<String, String> props) {
    return new ConfigValidation().validate(props, validateKeys(props));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void aWorkingTokenAndUrlGiveNoErrorsAfterOneAuthenticatedListing() throws Exception {
    server.enqueue(json(200, "{\"success\":true,\"buckets\":[{\"id\":\"b-1\",\"name\":\"n\"}]}"));

    Config config = validate(serverProps(WORKSPACE_ID_CONFIG, "ws-1"));

    assertThat(errorsByKey(config)).isEmpty();
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/bucket");
    assertThat(request.getUrl().queryParameter("workspaceId")).isEqualTo("ws-1");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRejectedTokenIsAnErrorOnTheToken() {
    server.enqueue(json(401, "{\"success\":false,\"message\":\"bad token " + TOKEN + "\"}"));

    Config config = validate(serverProps());

    assertThat(errorsByKey(config))
        .containsOnly(
            Map.entry(API_TOKEN_CONFIG, List.of("token rejected by the Flashback API (HTTP 401)")));
  }

  @Test
  void anUnreachableApiIsAnErrorOnTheUrl() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Config config = validate(props(API_URL_CONFIG, "http://127.0.0.1:" + closedPort));

    Map<String, List<String>> errors = errorsByKey(config);
    assertThat(errors).containsOnlyKeys(API_URL_CONFIG);
    assertThat(errors.get(API_URL_CONFIG).get(0)).startsWith("API unreachable: ");
  }

  @Test
  void aFailingServerIsTriedOnceAndReportedAsUnreachable() {
    server.enqueue(json(503, "{\"success\":false,\"message\":\"maintenance\"}"));
    server.enqueue(json(200, "{\"success\":true,\"buckets\":[]}"));

    Config config = validate(serverProps(API_RETRY_MAX_ATTEMPTS_CONFIG, "6"));

    assertThat(errorsByKey(config).get(API_URL_CONFIG))
        .singleElement()
        .asString()
        .startsWith("API unreachable: ")
        .contains("HTTP 503");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aForbiddenWorkspaceIsAnErrorOnTheWorkspace() {
    server.enqueue(json(403, "{\"success\":false,\"message\":\"no access to workspace\"}"));

    Config config = validate(serverProps(WORKSPACE_ID_CONFIG, "ws-other"));

    Map<String, List<String>> errors = errorsByKey(config);
    assertThat(errors).containsOnlyKeys(WORKSPACE_ID_CONFIG);
    assertThat(errors.get(WORKSPACE_ID_CONFIG).get(0)).contains("HTTP 403");
  }

  @Test
  void aForbiddenListingWithoutWorkspaceIsAnErrorOnTheToken() {
    server.enqueue(json(404, "{\"success\":false,\"message\":\"not found\"}"));

    Config config = validate(serverProps());

    assertThat(errorsByKey(config)).containsOnlyKeys(API_TOKEN_CONFIG);
  }

  @Test
  void anUntrustedCertificateIsAnErrorOnTheUrl() {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate cert =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(cert).build().sslSocketFactory());

    Config config = validate(props(API_URL_CONFIG, "https://localhost:" + server.getPort()));

    assertThat(errorsByKey(config).get(API_URL_CONFIG))
        .singleElement()
        .asString()
        .contains("not trusted");
  }

  @Test
  void aTrustStoreThatCannotBeLoadedIsAnErrorOnItsPath(@TempDir Path dir) throws Exception {
    Path trustStore = dir.resolve("trust.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      store.store(out, "right-password".toCharArray());
    }

    Config config =
        validate(
            serverProps(
                TRUSTSTORE_PATH_CONFIG,
                trustStore.toString(),
                TRUSTSTORE_PASSWORD_CONFIG,
                "wrong-password"));

    Map<String, List<String>> errors = errorsByKey(config);
    assertThat(errors).containsOnlyKeys(TRUSTSTORE_PATH_CONFIG);
    assertThat(errors.get(TRUSTSTORE_PATH_CONFIG).get(0))
        .contains("cannot load trust store")
        .doesNotContain("wrong-password");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void noCallIsMadeWhileAClientKeyHasAnError() {
    Map<String, String> props = serverProps(PROXY_USERNAME_CONFIG, "svc");
    Config config = validate(props);

    assertThat(errorsByKey(config)).containsOnlyKeys(PROXY_USERNAME_CONFIG);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theCheckUsesShortTimeoutsOneAttemptAndClosesTheClient() {
    List<ApiClientSettings> seen = new ArrayList<>();
    FakeClient fake = new FakeClient();
    Function<ApiClientSettings, FlashbackApiClient> factory =
        settings -> {
          seen.add(settings);
          return fake;
        };
    Map<String, String> props =
        props(API_READ_TIMEOUT_MS_CONFIG, "2000", API_RETRY_MAX_ATTEMPTS_CONFIG, "9");

    Config config = new ConfigValidation(factory).validate(props, validateKeys(props));

    assertThat(errorsByKey(config)).isEmpty();
    assertThat(seen).singleElement();
    ApiClientSettings settings = seen.get(0);
    assertThat(settings.maxAttempts()).isEqualTo(1);
    assertThat(settings.connectTimeout()).isEqualTo(ApiLiveCheck.CONNECT_TIMEOUT);
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.callTimeout()).isEqualTo(ApiLiveCheck.CALL_TIMEOUT);
    assertThat(settings.token().value()).isEqualTo(TOKEN);
    assertThat(fake.listings).isEqualTo(1);
    assertThat(fake.closed).isTrue();
  }

  @Test
  void anUnexpectedFailureOfTheClientIsReportedOnTheUrlAndTheClientIsClosed() {
    FakeClient fake = new FakeClient();
    fake.failure = new IllegalStateException("boom " + TOKEN);
    Map<String, String> props = props();

    Config config = new ConfigValidation(s -> fake).validate(props, validateKeys(props));

    assertThat(errorsByKey(config).get(API_URL_CONFIG))
        .singleElement()
        .asString()
        .contains("boom")
        .doesNotContain(TOKEN);
    assertThat(fake.closed).isTrue();
  }

  @Test
  void noMessageOfAnyOutcomeContainsTheToken() throws Exception {
    String echo = "{\"success\":false,\"message\":\"token " + TOKEN + " refused\"}";
    for (int code : new int[] {400, 401, 403, 404, 500}) {
      server.enqueue(json(code, echo));
      Config withWorkspace = validate(serverProps(WORKSPACE_ID_CONFIG, "ws"));
      assertThat(allMessages(withWorkspace)).as("HTTP " + code).isNotEmpty();
      assertThat(allMessages(withWorkspace)).noneMatch(message -> message.contains(TOKEN));
    }
    server.enqueue(json(200, echo));
    assertThat(allMessages(validate(serverProps()))).noneMatch(message -> message.contains(TOKEN));
  }

  /** A client that records what the check does with it. */
  private static final class FakeClient implements FlashbackApiClient {
    int listings;
    boolean closed;
    RuntimeException failure;

    @Override
    public ApiResult<Bucket> listBuckets() {
      return listBuckets(null);
    }

    @Override
    public ApiResult<Bucket> listBuckets(String workspaceId) {
      listings++;
      if (failure != null) {
        throw failure;
      }
      return new ApiResult<>(List.of(), List.of(), List.of());
    }

    @Override
    public ApiResult<BucketTotals> bucketTotals(Collection<String> bucketIds) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ApiResult<NodeDailyStat> nodeDailyStats(String bucketId, LocalDate day) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ApiResult<MinuteStat> minuteStats(
        Collection<String> bucketIds, Instant start, Instant end) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ClientCounters counters() {
      return null;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
