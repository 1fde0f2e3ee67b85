package tech.flashback.connect.client.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * One row of a response as read from the stream: its fields in order, each as the JSON value it was
 * sent as (text, exact integer, decimal literal, boolean, nested tree or null). Typed getters apply
 * the lenient rules of {@link FlexibleNumbers} and {@link FlexibleTimestamps}; when one fails,
 * {@link #toJson()} gives back the row for an error report.
 *
 * <p>Credential fields ({@code key}, {@code secret}) are skipped while reading, at any depth, so
 * they are never held here and never appear in {@link #toJson()}.
 */
public final class RawRow {

  static final Set<String> CREDENTIAL_FIELDS = Set.of("key", "secret");
  private static final int INITIAL_FIELDS = 10;

  private String[] names = new String[INITIAL_FIELDS];
  private Object[] values = new Object[INITIAL_FIELDS];
  private int size;

  RawRow() {}

  /** Reads the object whose {@code START_OBJECT} is the parser's current token. */
  static RawRow read(JsonParser parser, StringDeduplicator strings) throws IOException {
    RawRow row = new RawRow();
    String name;
    while ((name = parser.nextFieldName()) != null) {
      JsonToken token = parser.nextToken();
      if (CREDENTIAL_FIELDS.contains(name)) {
        parser.skipChildren();
        continue;
      }
      row.put(name, readValue(parser, token, strings));
    }
    return row;
  }

  private static Object readValue(JsonParser parser, JsonToken token, StringDeduplicator strings)
      throws IOException {
    return switch (token) {
      case VALUE_STRING -> strings.dedupe(parser.getText());
      case VALUE_NUMBER_INT ->
          parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? parser.getBigIntegerValue()
              : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> new JsonFloat(parser.getText());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_OBJECT, START_ARRAY -> withoutCredentials(parser.readValueAsTree());
      default -> throw new IOException("unexpected token " + token + " in a row");
    };
  }

  /** Removes credential fields from a nested tree, at any depth. */
  static JsonNode withoutCredentials(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node instanceof ObjectNode object) {
      object.remove(CREDENTIAL_FIELDS);
    }
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      withoutCredentials(children.next());
    }
    return node;
  }

  private void put(String name, Object value) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        values[i] = value; // the last of duplicate fields wins, as in Jackson's data binding
        return;
      }
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size] = value;
    size++;
  }

  /** The raw value of a field, or {@code null} when absent or JSON null. */
  public Object value(String field) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(field)) {
        return values[i];
      }
    }
    return null;
  }

  /** A text field; numbers are accepted as their literal text, blank text reads as null. */
  public String string(String field) throws MalformedRowException {
    Object value = value(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Long || value instanceof BigInteger || value instanceof JsonFloat) {
      return value.toString();
    }
    throw MalformedRowException.unexpected(field, "a string", value);
  }

  /** A text field that must be present and not blank. */
  public String requiredString(String field) throws MalformedRowException {
    String value = string(field);
    if (value == null || value.isBlank()) {
      throw MalformedRowException.missing(field);
    }
    return value;
  }

  /** The field as text when it is text, else {@code null}; never throws (for error reports). */
  public String stringOrNull(String field) {
    return value(field) instanceof String s ? s : null;
  }

  /** An exact int64 field, sent as a JSON number or as a numeric string. */
  public Long longValue(String field) throws MalformedRowException {
    return FlexibleNumbers.toLong(field, value(field));
  }

  /** A floating-point field, sent as a JSON number or as a numeric string. */
  public Double doubleValue(String field) throws MalformedRowException {
    return FlexibleNumbers.toDouble(field, value(field));
  }

  /** A timestamp field in any of the forms {@link FlexibleTimestamps} reads. */
  public Instant instant(String field) throws MalformedRowException {
    return FlexibleTimestamps.toInstant(field, value(field));
  }

  /** A timestamp field that must be present. */
  public Instant requiredInstant(String field) throws MalformedRowException {
    Instant value = instant(field);
    if (value == null) {
      throw MalformedRowException.missing(field);
    }
    return value;
  }

  /** The row as compact JSON, in the order and form it was received, credentials excluded. */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = ResponseReader.JSON.createGenerator(out)) {
      generator.writeStartObject();
      for (int i = 0; i < size; i++) {
        generator.writeFieldName(names[i]);
        writeValue(generator, values[i]);
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render a row that was just parsed", e);
    }
    return out.toString();
  }

  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof String s) {
      generator.writeString(s);
    } else if (value instanceof Long l) {
      generator.writeNumber(l);
    } else if (value instanceof BigInteger b) {
      generator.writeNumber(b);
    } else if (value instanceof JsonFloat f) {
      generator.writeNumber(f.text());
    } else if (value instanceof Boolean b) {
      generator.writeBoolean(b);
    } else {
      generator.writeTree((JsonNode) value);
    }
  }

  /** A short rendering of one raw value for error messages. */
  static String valueText(Object value) {
    if (value instanceof JsonNode node) {
      return node.isObject() ? "an object" : node.isArray() ? "an array" : node.toString();
    }
    return String.valueOf(value);
  }
}
