package tech.flashback.connect.client.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads numbers the way real deployments send them: as JSON numbers or as JSON strings, in either
 * form for the same field. Integers are exact (never through a double); a value outside int64 is an
 * error, never a silent wrap. Empty strings and nulls read as {@code null}.
 */
final class FlexibleNumbers {

  private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final int MAX_NUMBER_CHARS = 100;
  private static final int MAX_SAFE_DIGITS = 18;
  private static final int INT64_DIGITS = 19;

  private FlexibleNumbers() {}

  static Long toLong(String field, Object value) throws MalformedRowException {
    if (value == null) {
      return null;
    }
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof BigInteger) {
      throw outOfRange(field, value);
    }
    if (value instanceof JsonFloat f) {
      return exactLong(field, new BigDecimal(f.text()), value);
    }
    if (value instanceof String s) {
      String text = s.strip();
      if (text.isEmpty()) {
        return null;
      }
      if (isPlainLong(text)) {
        return Long.parseLong(text);
      }
      return exactLong(field, decimal(field, text, value), value);
    }
    throw MalformedRowException.unexpected(field, "an integer", value);
  }

  static Double toDouble(String field, Object value) throws MalformedRowException {
    if (value == null) {
      return null;
    }
    if (value instanceof Long l) {
      return l.doubleValue();
    }
    if (value instanceof BigInteger b) {
      return b.doubleValue();
    }
    String text;
    if (value instanceof JsonFloat f) {
      text = f.text();
    } else if (value instanceof String s) {
      text = s.strip();
      if (text.isEmpty()) {
        return null;
      }
      if (text.length() > MAX_NUMBER_CHARS || !DECIMAL.matcher(text).matches()) {
        throw MalformedRowException.unexpected(field, "a number", value);
      }
    } else {
      throw MalformedRowException.unexpected(field, "a number", value);
    }
    double parsed = Double.parseDouble(text);
    if (Double.isInfinite(parsed)) {
      throw MalformedRowException.unexpected(field, "a finite number", value);
    }
    return parsed;
  }

  /** Parses numeric text (decimal or exponent form) exactly; callers check the range. */
  static BigDecimal decimal(String field, String text, Object original)
      throws MalformedRowException {
    if (text.length() > MAX_NUMBER_CHARS || !DECIMAL.matcher(text).matches()) {
      throw MalformedRowException.unexpected(field, "an integer", original);
    }
    return new BigDecimal(text);
  }

  static boolean isPlainLong(String text) {
    int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
    int digits = text.length() - start;
    if (digits == 0 || digits > MAX_SAFE_DIGITS) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * What {@link #parsePlainLong} gives for text that {@link #isPlainLong(String)} would refuse: no
   * text of at most {@value #MAX_SAFE_DIGITS} digits parses to it.
   */
  static final long NOT_PLAIN = Long.MIN_VALUE;

  /**
   * The value of text still in the parser's buffer if {@link #isPlainLong(String)} accepts it,
   * checked and parsed in one pass (it cannot overflow); {@link #NOT_PLAIN} otherwise.
   */
  static long parsePlainLong(char[] chars, int offset, int length) {
    if (length == 0) {
      return NOT_PLAIN;
    }
    boolean negative = chars[offset] == '-';
    int start = negative || chars[offset] == '+' ? 1 : 0;
    int digits = length - start;
    if (digits == 0 || digits > MAX_SAFE_DIGITS) {
      return NOT_PLAIN;
    }
    long value = 0;
    for (int i = offset + start; i < offset + length; i++) {
      int digit = chars[i] - '0';
      if (digit < 0 || digit > 9) {
        return NOT_PLAIN;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  private static long exactLong(String field, BigDecimal decimal, Object original)
      throws MalformedRowException {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() > 0) {
      throw MalformedRowException.unexpected(field, "an integer", original);
    }
    // Check the magnitude before converting, so "1e999999999" cannot allocate a huge BigInteger.
    if (stripped.precision() - stripped.scale() > INT64_DIGITS) {
      throw outOfRange(field, original);
    }
    try {
      return stripped.longValueExact();
    } catch (ArithmeticException e) {
      throw outOfRange(field, original);
    }
  }

  private static MalformedRowException outOfRange(String field, Object value) {
    return MalformedRowException.unexpected(field, "an integer within int64", value);
  }
}
