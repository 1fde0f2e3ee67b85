package tech.flashback.connect.client;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.kafka.common.config.types.Password;

/** Shared pieces of the client tests: a distinctive token and quick settings. */
final class ClientTestSupport {

  /** Distinctive, so a scan for it cannot match anything by accident. */
  static final String TOKEN = "fb-tok-7f3a9c1e-SECRET-d41d8cd98f00";

  private ClientTestSupport() {}

  static ApiClientSettings.Builder settings(MockWebServer server) {
    return settings(server, "/");
  }

  static ApiClientSettings.Builder settings(MockWebServer server, String basePath) {
    return ApiClientSettings.builder(server.url(basePath).toString(), new Password(TOKEN))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(2))
        .writeTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(5))
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(1));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse json(String body) {
    return json(200, body);
  }
}
