package tech.flashback.connect.client;

import java.util.Objects;
import org.apache.kafka.common.config.types.Password;

/**
 * An HTTP proxy for the API calls.
 *
 * @param host the proxy host
 * @param port the proxy port
 * @param username for proxy authentication, or {@code null}
 * @param password for proxy authentication, or {@code null}; printed as {@code [hidden]}
 */
public record HttpProxy(String host, int port, String username, Password password) {

  public HttpProxy {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("proxy port must be within 1..65535, was " + port);
    }
  }
}
