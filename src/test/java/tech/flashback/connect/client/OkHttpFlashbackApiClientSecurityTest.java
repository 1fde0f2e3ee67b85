package tech.flashback.connect.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.client.ClientTestSupport.TOKEN;
import static tech.flashback.connect.client.ClientTestSupport.json;
import static tech.flashback.connect.client.ClientTestSupport.settings;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.connect.client.model.RowProblem;
import tech.flashback.connect.testing.LogCapture;

/** The token never leaks, TLS is only as trusting as configured, and proxies work. */
class OkHttpFlashbackApiClientSecurityTest {

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final MockWebServer server = new MockWebServer();
  private final MockTime time = new MockTime();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OkHttpFlashbackApiClient newClient(ApiClientSettings settings) {
    return new OkHttpFlashbackApiClient(settings, time, () -> 0.5, new RecordingSleeper(time));
  }

  @Test
  void theTokenAppearsInNoExceptionLogLineDenialOrRowProblemEvenWhenTheServerEchoesIt() {
    String echo = "{\"success\":false,\"message\":\"token " + TOKEN + " is not valid here\"}";
    server.enqueue(json(401, echo));
    server.enqueue(json(400, echo));
    server.enqueue(json(503, echo));
    server.enqueue(json(503, echo));
    server.enqueue(json(200, echo));
    server.enqueue(json(403, echo));
    server.enqueue(json(200, "not json " + TOKEN));
    server.enqueue(json(200, "not json " + TOKEN));
    server.enqueue(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html>" + TOKEN + "</html>")
            .build());
    server.enqueue(new MockResponse.Builder().code(502).body("<html>" + TOKEN + "</html>").build());
    server.enqueue(
        json(
            "{\"success\":true,\"data\":[{\"timestamp\":\""
                + TOKEN
                + "\",\"bucketId\":\"a\",\"note\":\""
                + TOKEN
                + "\"}]}"));

    List<String> seen = new ArrayList<>();
    try (OkHttpFlashbackApiClient client = newClient(settings(server).maxAttempts(2).build())) {
      seen.add(messageOf(client::listBuckets)); // 401
      seen.add(messageOf(() -> client.nodeDailyStats("a", LocalDate.EPOCH))); // 400
      seen.add(messageOf(client::listBuckets)); // 503, 503
      seen.add(messageOf(client::listBuckets)); // success=false
      ApiResult<?> denied = client.nodeDailyStats("a", LocalDate.EPOCH); // 403
      seen.add(denied.deniedBuckets().toString());
      seen.add(messageOf(client::listBuckets)); // not JSON, twice
      seen.add(messageOf(client::listBuckets)); // HTML pages, twice
      ApiResult<?> rows = client.minuteStats(List.of("a"), Instant.EPOCH, Instant.EPOCH);
      for (Object problem : rows.problems()) {
        seen.add(((RowProblem) problem).rawJson());
        seen.add(((RowProblem) problem).reason());
      }
      assertThat(rows.problems()).hasSize(1);
    }

    assertThat(server.getRequestCount()).isEqualTo(11);
    assertThat(seen).hasSize(9).allSatisfy(text -> assertThat(text).doesNotContain(TOKEN));
    assertThat(seen.get(1)).contains("token [redacted] is not valid here");
    assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
  }

  /** The message of the thrown exception and of every cause, as one text. */
  private static String messageOf(Supplier<?> call) {
    try {
      call.get();
    } catch (RuntimeException e) {
      StringBuilder text = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        text.append(t).append(" | ");
      }
      return text.toString();
    }
    throw new AssertionError("expected the call to fail");
  }

  @Test
  void settingsShowNoSecretWhenPrinted() {
    ApiClientSettings settings =
        settings(server)
            .proxy(new HttpProxy("proxy", 3128, "user", new Password("proxy-pass-123")))
            .trustStore(new TrustStore(Path.of("t.p12"), new Password("store-pass-456"), "PKCS12"))
            .build();

    assertThat(settings.toString())
        .doesNotContain(TOKEN, "proxy-pass-123", "store-pass-456")
        .contains("[hidden]");
  }

  @Test
  void aTokenFileNewlineIsTrimmedButInnerWhitespaceIsRefusedWithoutEchoingTheToken() {
    assertThat(
            ApiClientSettings.builder("https://x", new Password(TOKEN + "\n"))
                .build()
                .token()
                .value())
        .isEqualTo(TOKEN);
    assertThatThrownBy(
            () -> ApiClientSettings.builder("https://x", new Password("abc def-" + TOKEN)).build())
        .hasMessage("API token contains whitespace or control characters at position 3");
    assertThatThrownBy(() -> ApiClientSettings.builder("https://x", new Password("  ")).build())
        .hasMessage("API token is empty");
  }

  @Test
  void plainHttpIsOnlyForLoopbackUnlessExplicitlyAllowed() {
    assertThatThrownBy(() -> BaseUrlPolicy.check("http://backend.flashback.tech", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plain HTTP to a non-loopback host");
    assertThat(BaseUrlPolicy.check("http://backend.flashback.tech", true).host())
        .isEqualTo("backend.flashback.tech");
    assertThat(BaseUrlPolicy.check("http://127.0.0.1:8080", false).port()).isEqualTo(8080);
    assertThat(BaseUrlPolicy.check("http://localhost:8080/api", false).host())
        .isEqualTo("localhost");
    assertThat(BaseUrlPolicy.check("http://[::1]:8080", false).host()).isEqualTo("::1");
    assertThat(BaseUrlPolicy.check("https://backend.flashback.tech", false).isHttps()).isTrue();
  }

  @Test
  void baseUrlsWithUserInfoOrOfAnotherSchemeAreRefusedWithoutShowingTheUserInfo() {
    assertThatThrownBy(
            () -> BaseUrlPolicy.check("https://me:hunter2@backend.flashback.tech", false))
        .hasMessageContaining("must not contain user info")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> BaseUrlPolicy.check("ftp://me:hunter2@x", false))
        .hasMessageContaining("not a valid http:// or https:// URL")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void tlsWorksWithAConfiguredTrustStoreAndAnUntrustedServerIsARequestError(@TempDir Path dir)
      throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate serverCertificate =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(serverCertificate)
            .build()
            .sslSocketFactory());
    Path trustStore = dir.resolve("trust.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("flashback-ca", ca.certificate());
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      store.store(out, "changeit".toCharArray());
    }
    String baseUrl = "https://localhost:" + server.getPort();
    server.enqueue(json("{\"success\":true,\"buckets\":[{\"id\":\"b-1\"}]}"));

    try (OkHttpFlashbackApiClient trusting =
        newClient(
            ApiClientSettings.builder(baseUrl, new Password(TOKEN))
                .trustStore(new TrustStore(trustStore, new Password("changeit"), "PKCS12"))
                .build())) {
      assertThat(trusting.listBuckets().rows()).hasSize(1);
    }
    try (OkHttpFlashbackApiClient defaultTrust =
        newClient(ApiClientSettings.builder(baseUrl, new Password(TOKEN)).build())) {
      assertThatThrownBy(defaultTrust::listBuckets)
          .isInstanceOf(ApiRequestException.class)
          .hasMessageContaining("server certificate is not trusted");
      assertThat(defaultTrust.counters().requests(Endpoint.LIST_BUCKETS)).isEqualTo(1);
    }
  }

  @Test
  void aTrustStoreWithAWrongPasswordFailsAtStartWithoutShowingThePassword(@TempDir Path dir)
      throws Exception {
    Path trustStore = dir.resolve("trust.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      store.store(out, "right-password".toCharArray());
    }

    assertThatThrownBy(
            () ->
                new OkHttpFlashbackApiClient(
                    ApiClientSettings.builder("https://localhost", new Password(TOKEN))
                        .trustStore(
                            new TrustStore(trustStore, new Password("wrong-password"), "PKCS12"))
                        .build(),
                    Time.SYSTEM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot load trust store " + trustStore)
        .hasMessageNotContaining("wrong-password");
  }

  @Test
  void requestsGoThroughAnHttpProxyThatAsksForBasicCredentials() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(407)
            .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
            .build());
    server.enqueue(json("{\"success\":true,\"buckets\":[]}"));

    try (OkHttpFlashbackApiClient client =
        newClient(
            ApiClientSettings.builder("http://flashback.example", new Password(TOKEN))
                .allowInsecureHttp(true)
                .proxy(
                    new HttpProxy(
                        server.getHostName(), server.getPort(), "alice", new Password("s3cret")))
                .build())) {
      assertThat(client.listBuckets().rows()).isEmpty();
    }

    RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(first.getRequestLine()).isEqualTo("GET http://flashback.example/bucket HTTP/1.1");
    assertThat(first.getHeaders().get("Proxy-Authorization")).isNull();
    assertThat(second.getHeaders().get("Proxy-Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes()));
  }
}
