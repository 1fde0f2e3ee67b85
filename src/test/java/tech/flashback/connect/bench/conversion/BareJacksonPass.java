package tech.flashback.connect.bench.conversion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The limit of any connector that reads these bodies as JSON: one Jackson streaming pass that
 * decodes every token and every value (field names, text into the parser's own buffer, integers as
 * {@code long}, decimals as {@code double}) and hands each to a {@link Blackhole}, without making
 * one object per row or per value. A connector has to do at least this, and then build its rows and
 * records.
 */
final class BareJacksonPass {

  private static final JsonFactory JSON = new JsonFactory();

  /** JMH's phrase for making a Blackhole outside a benchmark, as the sanity checks do. */
  private static final String OUTSIDE_JMH =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  private BareJacksonPass() {}

  /** The rows of a body, walked outside a benchmark (setup checks and tests). */
  static int countRows(byte[] body) throws IOException {
    return walk(body, new Blackhole(OUTSIDE_JMH));
  }

  /** Walks the whole body; returns the number of rows (objects directly inside an array). */
  static int walk(byte[] body, Blackhole sink) throws IOException {
    int rows = 0;
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case FIELD_NAME -> sink.consume(parser.currentName()); // interned by Jackson
          case VALUE_STRING -> {
            // Decodes the text into the parser's buffer, as getText() would, minus the String.
            sink.consume(parser.getTextCharacters());
            sink.consume(parser.getTextOffset() + parser.getTextLength());
          }
          case VALUE_NUMBER_INT -> sink.consume(parser.getLongValue());
          case VALUE_NUMBER_FLOAT -> sink.consume(parser.getDoubleValue());
          case VALUE_TRUE, VALUE_FALSE -> sink.consume(token == JsonToken.VALUE_TRUE);
          case END_OBJECT -> {
            if (parser.getParsingContext().inArray()) {
              rows++;
            }
          }
          default -> {}
        }
      }
    }
    return rows;
  }
}
