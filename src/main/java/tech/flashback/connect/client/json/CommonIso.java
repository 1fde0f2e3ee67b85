package tech.flashback.connect.client.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 date-times in the shape servers actually send, {@code 2024-01-15T10:30:00Z}, {@code
 * 2024-01-15T10:30:00.123+02:00} or {@code 2024-01-15 10:30:00}, read straight from characters.
 * {@code DateTimeFormatter} takes about a microsecond per value; this takes a few dozen
 * nanoseconds. Every other shape (lower-case letters, no seconds, signed years, offsets with
 * seconds or beyond ±17:59, leap seconds, hour 24) is left to {@link FlexibleTimestamps}.
 */
final class CommonIso {

  private static final int SHORTEST = 19; // yyyy-MM-ddTHH:mm:ss
  private static final int OFFSET_LENGTH = 6; // +HH:MM
  private static final int MAX_FRACTION_DIGITS = 9;
  private static final int MAX_OFFSET_HOURS = 17;
  private static final long SECONDS_PER_DAY = 86_400L;

  private CommonIso() {}

  /** The instant, or {@code null} when the text is not in one of the common shapes. */
  static Instant parse(char[] c, int offset, int length) {
    if (length < SHORTEST
        || c[offset + 4] != '-'
        || c[offset + 7] != '-'
        || (c[offset + 10] != 'T' && c[offset + 10] != ' ')
        || c[offset + 13] != ':'
        || c[offset + 16] != ':') {
      return null;
    }
    int year = digits(c, offset, 4);
    int month = digits(c, offset + 5, 2);
    int day = digits(c, offset + 8, 2);
    int hour = digits(c, offset + 11, 2);
    int minute = digits(c, offset + 14, 2);
    int second = digits(c, offset + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int end = offset + length;
    int p = offset + SHORTEST;
    int nanos = 0;
    if (p < end && c[p] == '.') {
      int start = ++p;
      while (p < end && c[p] >= '0' && c[p] <= '9') {
        p++;
      }
      int fractionDigits = p - start;
      if (fractionDigits == 0 || fractionDigits > MAX_FRACTION_DIGITS) {
        return null;
      }
      nanos = digits(c, start, fractionDigits);
      for (int i = fractionDigits; i < MAX_FRACTION_DIGITS; i++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = offsetSeconds(c, p, end);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null; // e.g. February 30: the formatter's message is the one to report
    }
    long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds - offsetSeconds, nanos);
  }

  /** The zone at {@code c[p, end)}: nothing or Z is UTC; MIN_VALUE when not a common one. */
  private static int offsetSeconds(char[] c, int p, int end) {
    if (p == end) {
      return 0;
    }
    if (c[p] == 'Z') {
      return p + 1 == end ? 0 : Integer.MIN_VALUE;
    }
    if ((c[p] != '+' && c[p] != '-') || end - p != OFFSET_LENGTH || c[p + 3] != ':') {
      return Integer.MIN_VALUE;
    }
    int hours = digits(c, p + 1, 2);
    int minutes = digits(c, p + 4, 2);
    if (hours < 0 || hours > MAX_OFFSET_HOURS || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3600 + minutes * 60;
    return c[p] == '-' ? -seconds : seconds;
  }

  /** The decimal value of {@code count} ASCII digits, or -1 if any is not one. */
  private static int digits(char[] c, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      int digit = c[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
