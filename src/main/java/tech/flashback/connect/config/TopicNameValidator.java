package tech.flashback.connect.config;

import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts what Kafka accepts in a topic name (ASCII letters, digits, '.', '_' and '-', at most 249
 * characters), so a typo fails at validation rather than at the first record. {@code null} and
 * blank values pass: they mean "unset" (or, for a prefix, no prefix).
 */
final class TopicNameValidator implements ConfigDef.Validator {

  static final int MAX_LENGTH = 249;
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

  private final String what;

  /**
   * @param what "a topic name" or "a topic name prefix", for messages
   */
  TopicNameValidator(String what) {
    this.what = what;
  }

  @Override
  public void ensureValid(String name, Object value) {
    String topic = value == null ? "" : value.toString();
    if (topic.isBlank()) {
      return;
    }
    if (!LEGAL.matcher(topic).matches()) {
      throw new ConfigException(
          name, value, "expected " + what + " of ASCII letters, digits, '.', '_' and '-' only");
    }
    if (topic.length() > MAX_LENGTH) {
      throw new ConfigException(
          name, value, "expected " + what + " of at most " + MAX_LENGTH + " characters");
    }
    if (topic.equals(".") || topic.equals("..")) {
      throw new ConfigException(name, value, "'.' and '..' are not legal topic names");
    }
  }

  @Override
  public String toString() {
    return what + " of [a-zA-Z0-9._-], at most " + MAX_LENGTH + " characters";
  }
}
