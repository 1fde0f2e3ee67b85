package tech.flashback.connect.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The thinnest client of the API, the limit the connector's reading is compared with: a plain
 * OkHttp GET and a Jackson pass over every token of the body, counting the rows of the envelope's
 * data array ({@code {"success": .., "<data>": [{row}, ..]}}) and building nothing.
 */
public final class BareApiReader implements AutoCloseable {

  /** Row objects sit in the envelope object's array: the third level of nesting. */
  private static final int ROW_DEPTH = 3;

  private final JsonFactory json = new JsonFactory();
  private final OkHttpClient http = new OkHttpClient();
  private final String token;

  public BareApiReader(String token) {
    this.token = token;
  }

  /** GETs {@code url} and returns the rows in its body. */
  public long rows(String url) throws IOException {
    Request request =
        new Request.Builder().url(url).header("Authorization", "Bearer " + token).build();
    long rows = 0;
    try (Response response = http.newCall(request).execute();
        JsonParser parser = json.createParser(response.body().byteStream())) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_OBJECT
            && parser.getParsingContext().getNestingDepth() == ROW_DEPTH) {
          rows++;
        }
      }
    }
    return rows;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
