package tech.flashback.connect.client.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import java.time.Instant;

/**
 * One row read field by field straight from the parser, each value converted to its target type as
 * it passes: no {@link RawRow}, no {@code String} for a number or a repeated id. The conversions
 * follow exactly the lenient rules of {@link RawRow}'s getters; the common forms (JSON numbers,
 * plain numeric strings, epoch numbers, ISO-8601 in UTC or with an hour offset) take a short path
 * and every other form the same code {@link RawRow} uses.
 *
 * <p>A value that cannot be converted throws {@link MalformedRowException}; {@link ResponseReader}
 * then reads the row again into a {@link RawRow} and maps it there, which gives the report its
 * reason and the row as it was received. So the messages thrown here are never shown.
 */
public final class RowCursor {

  private final JsonParser parser;
  private static final int SHARING_SAMPLE = 64;

  private final StringDeduplicator strings;

  /** following[i + 1]: the field expected after field i (after the row's start for i = -1). */
  private int[] following;

  private RowFields<?> learned;

  /** Per field, of its first text values: how many were seen, how many repeated an earlier one. */
  private int[] valuesSeen = new int[0];

  private int[] valuesRepeated = new int[0];
  private int previous = -1;

  private long lastEpoch;
  private Instant lastEpochInstant;

  RowCursor(JsonParser parser, StringDeduplicator strings) {
    this.parser = parser;
    this.strings = strings;
  }

  /**
   * The next field of the row that the mapper reads, the parser then standing on its value; other
   * fields (unknown ones, credentials) are skipped. {@code null} at the row's end.
   *
   * <p>The next field is predicted (as the one that followed the previous field in the rows so far,
   * at first the documented order) and matched against the raw bytes, which spares decoding and
   * looking up the name; any other name is read the usual way.
   */
  public <F extends Enum<F> & RowFields.Field> F nextField(RowFields<F> fields) throws IOException {
    if (fields != learned) {
      learn(fields);
    }
    while (true) {
      int predicted = following[previous + 1];
      if (predicted >= 0 && parser.nextFieldName(fields.name(predicted))) {
        parser.nextToken();
        previous = predicted;
        return fields.field(predicted);
      }
      if (predicted < 0) {
        parser.nextToken();
      }
      if (parser.currentToken() != JsonToken.FIELD_NAME) {
        previous = -1; // the row's end: the next row starts anew
        return null;
      }
      F field = fields.byName(parser.currentName());
      parser.nextToken();
      if (field != null) {
        following[previous + 1] = field.ordinal();
        previous = field.ordinal();
        return field;
      }
      parser.skipChildren();
    }
  }

  /** A new row starts (the previous one may have been left midway). */
  void beginRow() {
    previous = -1;
  }

  private void learn(RowFields<?> fields) {
    learned = fields;
    following = new int[fields.size() + 1];
    for (int i = 0; i < following.length; i++) {
      following[i] = i < fields.size() ? i : -1; // after field i - 1 comes field i, then the end
    }
    previous = -1;
    valuesSeen = new int[fields.size()];
    valuesRepeated = new int[fields.size()];
  }

  /** The row's fields as a {@link RawRow}, for mappers that do not read fields themselves. */
  public RawRow toRawRow() throws IOException {
    return RawRow.read(parser, strings);
  }

  /** Skips the current value, whole objects and arrays included (unknown fields, credentials). */
  public void skipValue() throws IOException {
    parser.skipChildren();
  }

  /** The current value as text, as {@link RawRow#string}: numbers as their literal text. */
  public String text(String field) throws IOException, MalformedRowException {
    return switch (parser.currentToken()) {
      case VALUE_STRING ->
          share(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
      case VALUE_NULL -> null;
      case VALUE_NUMBER_INT ->
          parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? parser.getBigIntegerValue().toString()
              : Long.toString(parser.getLongValue());
      case VALUE_NUMBER_FLOAT -> parser.getText();
      default -> throw MalformedRowException.unexpected(field, "a string", unread());
    };
  }

  /**
   * As {@link #text}, for a field whose values do not repeat within a response (the bucket of a
   * totals row, the address of a node): made into a {@code String} without looking it up.
   */
  public String distinctText(String field) throws IOException, MalformedRowException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    return text(field);
  }

  /**
   * The text, shared with equal earlier text while the current field's values repeat. Ids do, on
   * every row; a node's address does not, and sharing what never repeats only costs: after {@value
   * #SHARING_SAMPLE} values of a field with fewer than a quarter repeated, its values are no longer
   * looked up for the rest of the response.
   */
  private String share(char[] chars, int offset, int length) {
    int field = previous;
    if (field < 0 || field >= valuesSeen.length) {
      return strings.dedupe(chars, offset, length);
    }
    int seen = valuesSeen[field];
    if (seen >= SHARING_SAMPLE && valuesRepeated[field] * 4 < seen) {
      return new String(chars, offset, length);
    }
    int before = strings.size();
    String value = strings.dedupe(field, chars, offset, length);
    if (seen < SHARING_SAMPLE) {
      valuesSeen[field] = seen + 1;
      if (strings.size() == before) {
        valuesRepeated[field]++;
      }
    }
    return value;
  }

  /** The current value as an exact int64, as {@link RawRow#longValue}. */
  public Long int64(String field) throws IOException, MalformedRowException {
    return switch (parser.currentToken()) {
      case VALUE_NUMBER_INT -> {
        try {
          yield parser.getLongValue(); // without asking its type first: that parses it twice
        } catch (InputCoercionException beyondInt64) {
          throw MalformedRowException.unexpected(field, "an integer within int64", unread());
        }
      }
      case VALUE_STRING -> {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        long plain = FlexibleNumbers.parsePlainLong(chars, offset, length);
        if (plain != FlexibleNumbers.NOT_PLAIN) {
          yield plain;
        }
        yield FlexibleNumbers.toLong(field, new String(chars, offset, length)); // null if blank
      }
      case VALUE_NUMBER_FLOAT -> FlexibleNumbers.toLong(field, new JsonFloat(parser.getText()));
      case VALUE_NULL -> null;
      default -> throw MalformedRowException.unexpected(field, "an integer", unread());
    };
  }

  /** The current value as a double, as {@link RawRow#doubleValue}. */
  public Double float64(String field) throws IOException, MalformedRowException {
    return switch (parser.currentToken()) {
      // Jackson converts an integer of any size as RawRow does: a long cast, a BigInteger's value.
      case VALUE_NUMBER_INT -> parser.getDoubleValue();
      case VALUE_NUMBER_FLOAT -> {
        // Jackson parses the literal with Double.parseDouble, as FlexibleNumbers does.
        double value = parser.getDoubleValue();
        if (Double.isInfinite(value)) {
          throw MalformedRowException.unexpected(field, "a finite number", unread());
        }
        yield value;
      }
      case VALUE_STRING -> FlexibleNumbers.toDouble(field, parser.getText());
      case VALUE_NULL -> null;
      default -> throw MalformedRowException.unexpected(field, "a number", unread());
    };
  }

  /** The current value as an instant, as {@link RawRow#instant}. */
  public Instant instant(String field) throws IOException, MalformedRowException {
    return switch (parser.currentToken()) {
      case VALUE_NUMBER_INT -> {
        try {
          yield epochInstant(parser.getLongValue());
        } catch (InputCoercionException beyondInt64) {
          throw MalformedRowException.unexpected(field, "a timestamp", unread());
        }
      }
      case VALUE_STRING -> {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        Instant common = FlexibleTimestamps.fromCommonText(chars, offset, length);
        yield common != null
            ? common
            : FlexibleTimestamps.toInstant(field, new String(chars, offset, length));
      }
      case VALUE_NUMBER_FLOAT ->
          FlexibleTimestamps.toInstant(field, new JsonFloat(parser.getText()));
      case VALUE_NULL -> null;
      default -> throw MalformedRowException.unexpected(field, "a timestamp", unread());
    };
  }

  /**
   * The instant of an epoch number, shared with the row before when it is the same number: the rows
   * of a minute or a day carry one timestamp, and instants are immutable.
   */
  private Instant epochInstant(long epoch) {
    if (lastEpochInstant == null || epoch != lastEpoch) {
      lastEpochInstant = FlexibleTimestamps.fromEpoch(epoch);
      lastEpoch = epoch;
    }
    return lastEpochInstant;
  }

  /** A field the row cannot do without, as {@link RawRow#requiredInstant}. */
  public static <V> V required(String field, V value) throws MalformedRowException {
    if (value == null) {
      throw MalformedRowException.missing(field);
    }
    return value;
  }

  /** A text field the row cannot do without, as {@link RawRow#requiredString}. */
  public static String requiredText(String field, String value) throws MalformedRowException {
    if (value == null || value.isBlank()) {
      throw MalformedRowException.missing(field);
    }
    return value;
  }

  /** A value this cursor does not convert; the reason is rebuilt from the {@link RawRow}. */
  private String unread() {
    return String.valueOf(parser.currentToken());
  }
}
