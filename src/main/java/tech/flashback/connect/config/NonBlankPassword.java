package tech.flashback.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Refuses a secret that is set but empty (an unset environment variable behind {@code ${env:..}},
 * say). A missing required key is reported by the {@link ConfigDef} itself, so {@code null} passes.
 * Messages show {@code [hidden]}, never the value.
 */
final class NonBlankPassword implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    if (value instanceof Password password
        && (password.value() == null || password.value().isBlank())) {
      throw new ConfigException(name, password, "expected a non-empty secret");
    }
  }

  @Override
  public String toString() {
    return "non-empty secret";
  }
}
