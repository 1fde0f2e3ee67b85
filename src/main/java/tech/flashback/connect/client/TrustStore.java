package tech.flashback.connect.client;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.kafka.common.config.types.Password;

/**
 * A trust store holding the certificates the API's TLS certificate is checked against, instead of
 * the JVM's default ones. There is deliberately no way to trust every certificate.
 *
 * @param path the trust store file
 * @param password its password, or {@code null}; printed as {@code [hidden]}
 * @param type {@code PKCS12} or {@code JKS}
 */
public record TrustStore(Path path, Password password, String type) {

  public TrustStore {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
  }
}
