package tech.flashback.connect.client.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tech.flashback.connect.client.model.RowProblem;

/**
 * Reads the API's response envelope {@code {"success": .., "message": .., "<data>": [..]}} as a
 * stream: rows are mapped one at a time as they arrive, a bad row becomes a {@link RowProblem}
 * while the others still parse, and nothing but the rows themselves is held in memory.
 */
public final class ResponseReader {

  /** Rows are small; a string of a mebibyte is an attack or a broken server, not data. */
  private static final int MAX_STRING_CHARS = 1 << 20;

  private static final int MAX_NESTING_DEPTH = 64;
  private static final int MAX_NUMBER_CHARS = 1_000;
  private static final int MAX_RAW_ROW_CHARS = 4_096;

  static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(MAX_STRING_CHARS)
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxNumberLength(MAX_NUMBER_CHARS)
                          .build())
                  .build())
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  /**
   * Reads a whole body.
   *
   * @param body the (already size-bounded) body stream
   * @param dataField the name of the array holding the rows, e.g. {@code "buckets"}
   * @param mapper maps each row
   * @throws MalformedResponseException if the body is not a JSON object or ends early
   * @throws IOException if reading the stream fails
   */
  public <T> ParsedResponse<T> read(InputStream body, String dataField, RowMapper<T> mapper)
      throws IOException {
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new MalformedResponseException(
            first == null ? "empty body" : "expected a JSON object, found " + first);
      }
      return readEnvelope(parser, dataField, mapper);
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private <T> ParsedResponse<T> readEnvelope(
      JsonParser parser, String dataField, RowMapper<T> mapper) throws IOException {
    Boolean success = null;
    String message = null;
    boolean dataPresent = false;
    List<T> rows = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    StringDeduplicator strings = new StringDeduplicator();
    String name;
    while ((name = parser.nextFieldName()) != null) {
      JsonToken token = parser.nextToken();
      if (name.equals(dataField)) {
        dataPresent = true;
        readRows(parser, token, mapper, strings, rows, problems);
      } else if (name.equals("success")) {
        success = readFlag(parser, token);
      } else if (name.equals("message")) {
        message = token.isScalarValue() && token != JsonToken.VALUE_NULL ? parser.getText() : null;
        parser.skipChildren();
      } else {
        parser.skipChildren(); // unknown envelope fields are ignored
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedResponseException("body ended before the JSON object was closed");
    }
    return new ParsedResponse<>(success, message, dataPresent, rows, problems);
  }

  private static Boolean readFlag(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_STRING -> Boolean.parseBoolean(parser.getText().strip());
      default -> {
        parser.skipChildren();
        yield null;
      }
    };
  }

  private <T> void readRows(
      JsonParser parser,
      JsonToken token,
      RowMapper<T> mapper,
      StringDeduplicator strings,
      List<T> rows,
      List<RowProblem> problems)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_ARRAY) {
      throw new MalformedResponseException("expected an array of rows, found " + token);
    }
    JsonToken element;
    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (element == null) {
        throw new MalformedResponseException("body ended inside the array of rows");
      }
      if (element == JsonToken.START_OBJECT) {
        RawRow row = RawRow.read(parser, strings);
        try {
          rows.add(mapper.map(row));
        } catch (MalformedRowException e) {
          problems.add(new RowProblem(mapper.bucketIdOf(row), cap(row.toJson()), e.getMessage()));
        }
      } else {
        JsonNode value = RawRow.withoutCredentials(parser.readValueAsTree());
        problems.add(
            new RowProblem(null, cap(String.valueOf(value)), "expected a JSON object as the row"));
      }
    }
  }

  private static String cap(String rawJson) {
    return rawJson.length() <= MAX_RAW_ROW_CHARS
        ? rawJson
        : rawJson.substring(0, MAX_RAW_ROW_CHARS) + "...(truncated)";
  }

  /**
   * The {@code message} of a small JSON error body, or {@code null} when the body is not JSON or
   * has none. Never throws: it only enriches an error that is already being reported.
   */
  public static String errorMessage(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode message = node == null ? null : node.get("message");
      if (message == null || message.isNull()) {
        message = node == null ? null : node.get("error");
      }
      return message == null || message.isNull() || message.isContainerNode()
          ? null
          : message.asText();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
