package tech.flashback.connect.client.json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads timestamps in every form the API has been seen to use: epoch milliseconds, epoch seconds
 * (as numbers or numeric strings, with or without a fraction) and ISO-8601 text with an offset,
 * with {@code Z}, or without any zone (read as UTC).
 *
 * <p>Epoch units are told apart by magnitude: below 10^11 is seconds (until the year 5138), below
 * 10^14 milliseconds, below 10^17 microseconds, anything larger nanoseconds.
 */
final class FlexibleTimestamps {

  private static final long SECONDS_LIMIT = 100_000_000_000L;
  private static final long MILLIS_LIMIT = 100_000_000_000_000L;
  private static final long MICROS_LIMIT = 100_000_000_000_000_000L;
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final int MAX_TEXT_CHARS = 64;
  private static final int MAX_EPOCH_DIGITS = 20;

  private FlexibleTimestamps() {}

  static Instant toInstant(String field, Object value) throws MalformedRowException {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof Long l) {
        return fromEpoch(l);
      }
      if (value instanceof JsonFloat f) {
        return fromEpoch(new BigDecimal(f.text()));
      }
      if (value instanceof String s) {
        return fromText(field, s.strip(), value);
      }
    } catch (DateTimeException | ArithmeticException e) {
      throw MalformedRowException.unexpected(field, "a timestamp", value);
    }
    throw MalformedRowException.unexpected(field, "a timestamp", value);
  }

  /**
   * The common forms of timestamp text, read without a {@code String} or a formatter: epoch digits
   * (up to 18, optionally negative) and ISO-8601 as {@code yyyy-MM-ddTHH:mm:ss[.fraction]} (or a
   * space for the {@code T}) followed by {@code Z}, an offset {@code ±HH:MM} or nothing (UTC).
   * Anything else, or any field out of range, gives {@code null}: the caller then takes {@link
   * #toInstant}, which decides (and whose results these equal wherever both apply; a leading {@code
   * +} is not a number there).
   */
  static Instant fromCommonText(char[] chars, int offset, int length) {
    if (length > 0 && chars[offset] != '+') {
      long epoch = FlexibleNumbers.parsePlainLong(chars, offset, length);
      if (epoch != FlexibleNumbers.NOT_PLAIN) {
        return fromEpoch(epoch);
      }
    }
    return CommonIso.parse(chars, offset, length);
  }

  private static Instant fromText(String field, String text, Object original)
      throws MalformedRowException {
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw MalformedRowException.unexpected(field, "a timestamp", original);
    }
    char first = text.charAt(0);
    boolean numeric = Character.isDigit(first) && text.indexOf('-') < 0 && text.indexOf(':') < 0;
    if (numeric || first == '-' && text.indexOf(':') < 0 && text.lastIndexOf('-') == 0) {
      if (FlexibleNumbers.isPlainLong(text)) {
        return fromEpoch(Long.parseLong(text));
      }
      return fromEpoch(FlexibleNumbers.decimal(field, text, original));
    }
    return fromIso(
        field, text.length() > 10 && text.charAt(10) == ' ' ? isoT(text) : text, original);
  }

  private static String isoT(String text) {
    return text.substring(0, 10) + 'T' + text.substring(11);
  }

  private static Instant fromIso(String field, String text, Object original)
      throws MalformedRowException {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notADateTime) {
        try {
          return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)
              .atStartOfDay()
              .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
          throw MalformedRowException.unexpected(field, "a timestamp", original);
        }
      }
    }
  }

  static Instant fromEpoch(long value) {
    long magnitude = Math.abs(value);
    if (magnitude < SECONDS_LIMIT) {
      return Instant.ofEpochSecond(value);
    }
    if (magnitude < MILLIS_LIMIT) {
      return Instant.ofEpochMilli(value);
    }
    if (magnitude < MICROS_LIMIT) {
      return Instant.ofEpochSecond(
          Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
    }
    return Instant.ofEpochSecond(
        Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
  }

  private static Instant fromEpoch(BigDecimal value) {
    // Refuse absurd magnitudes before scaling, so "1e999999999" cannot allocate a huge number.
    if (value.precision() - value.scale() > MAX_EPOCH_DIGITS) {
      throw new DateTimeException("epoch value out of range");
    }
    BigDecimal seconds =
        value.abs().compareTo(BigDecimal.valueOf(SECONDS_LIMIT)) < 0
            ? value
            : value.divide(THOUSAND, 9, RoundingMode.FLOOR);
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    long nanos =
        seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValue();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }
}
