package tech.flashback.connect.client.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3): either a number of seconds or
 * an HTTP date. A date in the past means "now"; an unreadable value is ignored.
 */
public final class RetryAfter {

  private static final int MAX_SECONDS_DIGITS = 10;

  private RetryAfter() {}

  /**
   * The wait the server asked for.
   *
   * @param header the header value, may be {@code null}
   * @param now the current time, for the date form
   * @return the wait, or empty when there is no usable header
   */
  public static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      return value.length() > MAX_SECONDS_DIGITS
          ? Optional.empty()
          : Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
