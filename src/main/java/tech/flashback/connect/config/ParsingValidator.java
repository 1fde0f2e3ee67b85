package tech.flashback.connect.config;

import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts a string value when a parser accepts it, so the value is checked by the very code that
 * later reads it.
 */
final class ParsingValidator implements ConfigDef.Validator {

  private final String expected;
  private final Consumer<String> parser;
  private final boolean blankAllowed;

  private ParsingValidator(String expected, Consumer<String> parser, boolean blankAllowed) {
    this.expected = expected;
    this.parser = parser;
    this.blankAllowed = blankAllowed;
  }

  /**
   * For a key that may be unset: {@code null} and blank pass.
   *
   * @param expected what a valid value looks like, for messages and the generated docs
   * @param parser throws {@link IllegalArgumentException} (or a subclass) for an invalid value
   */
  static ParsingValidator optional(String expected, Consumer<String> parser) {
    return new ParsingValidator(expected, parser, true);
  }

  /** For a key that must have a value: blank fails (a missing key is the ConfigDef's to report). */
  static ParsingValidator required(String expected, Consumer<String> parser) {
    return new ParsingValidator(expected, parser, false);
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      return;
    }
    if (value.toString().isBlank()) {
      if (blankAllowed) {
        return;
      }
      throw new ConfigException(name, value, "expected " + expected + ", not nothing");
    }
    try {
      parser.accept(value.toString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, "expected " + expected + detail(e));
    }
  }

  /** The parser's own reason, unless it only repeats what is expected. */
  private String detail(IllegalArgumentException e) {
    Throwable reason = e.getCause() != null ? e.getCause() : e;
    String message = reason.getMessage();
    return message == null || message.contains(expected) ? "" : " (" + firstLine(message) + ")";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @Override
  public String toString() {
    return expected;
  }
}
