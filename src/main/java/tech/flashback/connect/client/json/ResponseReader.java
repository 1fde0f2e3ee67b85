package tech.flashback.connect.client.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import tech.flashback.connect.client.model.RowProblem;

/**
 * Reads the API's response envelope {@code {"success": .., "message": .., "<data>": [..]}} as a
 * stream: rows are mapped one at a time as they arrive, a bad row becomes a {@link RowProblem}
 * while the others still parse, and nothing but the rows themselves is held in memory.
 *
 * <p>Each row is read straight into its model by {@link RowMapper#read}. A row that does not take
 * that path (a value in a form it refuses, a missing field) is read a second time from its own
 * bytes, which {@link RowCapture} keeps, into a {@link RawRow} for {@link RowMapper#map}: the
 * reference mapping, which gives either the row or the problem with its reason and the row as
 * received.
 */
public final class ResponseReader {

  /** Rows are small; a string of a mebibyte is an attack or a broken server, not data. */
  private static final int MAX_STRING_CHARS = 1 << 20;

  private static final int MAX_NESTING_DEPTH = 64;
  private static final int MAX_NUMBER_CHARS = 1_000;
  private static final int MAX_RAW_ROW_CHARS = 4_096;

  /** A capture buffer grown beyond this by a huge row is not kept for the next body. */
  private static final int MAX_SPARE_BUFFER = 4 * RowCapture.INITIAL_CAPACITY;

  static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(MAX_STRING_CHARS)
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxNumberLength(MAX_NUMBER_CHARS)
                          .build())
                  // Correctly rounded, as Double.parseDouble is, so every path reads the same
                  // double
                  .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                  .build())
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  /**
   * The buffer of the last body's {@link RowCapture}, for the next one: a small body (the totals of
   * a hundred buckets) would otherwise allocate more for its capture than for its rows. It is kept
   * wiped. Readers may serve several threads; a thread that finds none makes its own.
   */
  private final AtomicReference<byte[]> spareBuffer = new AtomicReference<>();

  private void keepForNextBody(RowCapture capture) {
    byte[] buffer = capture.wipedBuffer();
    if (buffer.length <= MAX_SPARE_BUFFER) {
      spareBuffer.set(buffer);
    }
  }

  /** The buffer kept for the next body, if any. */
  byte[] spareBuffer() {
    return spareBuffer.get();
  }

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
    return read(body, dataField, mapper, List.of());
  }

  /**
   * Reads a whole body whose request named some ids (its buckets): a row's text equal to one of
   * them is that very {@code String}. The caller's maps are keyed by those strings, so looking a
   * row up there finds its hash computed and its key equal by identity.
   *
   * @param requestIds the ids the request named
   */
  public <T> ParsedResponse<T> read(
      InputStream body, String dataField, RowMapper<T> mapper, Collection<String> requestIds)
      throws IOException {
    RowCapture capture = new RowCapture(body, spareBuffer.getAndSet(null));
    try (JsonParser parser = JSON.createParser(capture)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new MalformedResponseException(
            first == null ? "empty body" : "expected a JSON object, found " + first);
      }
      return new BodyReading<>(parser, capture, mapper, requestIds).readEnvelope(dataField);
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException("not valid JSON: " + e.getOriginalMessage(), e);
    } finally {
      keepForNextBody(capture);
    }
  }

  /** The state of reading one body: its parser, its rows so far, the strings they share. */
  private static final class BodyReading<T> {

    private final JsonParser parser;
    private final RowCapture capture;
    private final RowMapper<T> mapper;
    private final StringDeduplicator strings = new StringDeduplicator();
    private final RowCursor cursor;
    private final List<T> rows = new ArrayList<>();
    private final List<RowProblem> problems = new ArrayList<>();

    BodyReading(
        JsonParser parser, RowCapture capture, RowMapper<T> mapper, Collection<String> requestIds) {
      this.parser = parser;
      this.capture = capture;
      this.mapper = mapper;
      strings.keep(requestIds);
      this.cursor = new RowCursor(parser, strings);
    }

    ParsedResponse<T> readEnvelope(String dataField) throws IOException {
      Boolean success = null;
      String message = null;
      boolean dataPresent = false;
      String name;
      while ((name = parser.nextFieldName()) != null) {
        JsonToken token = parser.nextToken();
        if (name.equals(dataField)) {
          dataPresent = true;
          readRows(token);
        } else if (name.equals("success")) {
          success = readFlag(parser, token);
        } else if (name.equals("message")) {
          message =
              token.isScalarValue() && token != JsonToken.VALUE_NULL ? parser.getText() : null;
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

    private void readRows(JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return;
      }
      if (token != JsonToken.START_ARRAY) {
        throw new MalformedResponseException("expected an array of rows, found " + token);
      }
      JsonStreamContext array = parser.getParsingContext();
      JsonToken element;
      while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (element == null) {
          throw new MalformedResponseException("body ended inside the array of rows");
        }
        if (element == JsonToken.START_OBJECT) {
          readRow(array);
        } else {
          JsonNode value = RawRow.withoutCredentials(parser.readValueAsTree());
          problems.add(
              new RowProblem(
                  null, cap(String.valueOf(value)), "expected a JSON object as the row"));
        }
      }
    }

    /** Reads the row straight into its model; a row the mapper does not take goes to map(). */
    private void readRow(JsonStreamContext array) throws IOException {
      long start = parser.currentTokenLocation().getByteOffset();
      capture.keepFrom(start);
      cursor.beginRow();
      try {
        rows.add(mapper.read(cursor));
      } catch (MalformedRowException e) {
        while (parser.currentToken() != JsonToken.END_OBJECT
            || parser.getParsingContext() != array) {
          if (parser.nextToken() == null) {
            throw new MalformedResponseException("body ended inside a row");
          }
        }
        mapAgain(capture.bytes(start, parser.currentLocation().getByteOffset()));
      }
    }

    /** Reads the row a second time from its own bytes into a RawRow, the reference mapping. */
    private void mapAgain(byte[] rowBytes) throws IOException {
      RawRow row;
      try (JsonParser again = JSON.createParser(rowBytes)) {
        again.nextToken();
        row = RawRow.read(again, strings);
      }
      try {
        rows.add(mapper.map(row));
      } catch (MalformedRowException e) {
        problems.add(new RowProblem(mapper.bucketIdOf(row), cap(row.toJson()), e.getMessage()));
      }
    }
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
