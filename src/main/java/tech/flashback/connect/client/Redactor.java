package tech.flashback.connect.client;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.types.Password;

/**
 * Removes secrets from text that came from outside (server messages, I/O exception messages) before
 * it goes into an exception or a log line. A second line of defence: the client never puts a secret
 * into a message itself.
 */
final class Redactor {

  static final String MASK = "[redacted]";
  private static final int MIN_SECRET_LENGTH = 4;
  private static final int MAX_MESSAGE_CHARS = 300;

  private final List<String> secrets;

  Redactor(Password... secrets) {
    this.secrets =
        java.util.Arrays.stream(secrets)
            .filter(Objects::nonNull)
            .map(Password::value)
            .filter(value -> value != null && value.length() >= MIN_SECRET_LENGTH)
            .toList();
  }

  /** The text with every secret masked, shortened to a loggable length; null stays null. */
  String redact(String text) {
    String result = mask(text);
    return result == null || result.length() <= MAX_MESSAGE_CHARS
        ? result
        : result.substring(0, MAX_MESSAGE_CHARS) + "...";
  }

  /** The text with every secret masked, whole; null stays null. */
  String mask(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }
}
