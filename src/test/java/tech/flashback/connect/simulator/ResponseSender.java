package tech.flashback.connect.simulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Puts bodies on the wire: JSON streamed (gzip when accepted), or fixed bytes. */
final class ResponseSender {

  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String HTML_TYPE = "text/html; charset=utf-8";
  static final int BUFFER_LIMIT = 64 * 1024;

  private final JsonFactory json = new JsonFactory();

  /**
   * Streams the body: sent with Content-Length up to {@link #BUFFER_LIMIT}, chunked beyond, so huge
   * responses never sit in memory. Returns the rows written.
   */
  long sendJson(HttpExchange exchange, int status, JsonBody body, Runnable beforeCompletion)
      throws IOException {
    boolean gzip = acceptsGzip(exchange);
    exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    OutputStream raw = new SpillingResponseStream(exchange, status, BUFFER_LIMIT, beforeCompletion);
    OutputStream out = gzip ? new FastGzip(raw) : raw;
    try (JsonGenerator generator = json.createGenerator(out, JsonEncoding.UTF8)) {
      return body.write(generator);
    }
  }

  /** A fixed-length body; an empty one is sent with no body at all. */
  void sendBytes(
      HttpExchange exchange, int status, String contentType, byte[] body, Runnable beforeCompletion)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    beforeCompletion.run();
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * The body in memory, for faults that cut it; rendering stops after {@code maxBytes} (then {@code
   * complete} is false and {@code rows} is unknown, -1), so a huge body costs little.
   */
  Rendered render(JsonBody body, int maxBytes) throws IOException {
    CappedBuffer bytes = new CappedBuffer(maxBytes);
    try (JsonGenerator generator = json.createGenerator(bytes, JsonEncoding.UTF8)) {
      long rows = body.write(generator);
      generator.flush();
      return new Rendered(bytes.toByteArray(), rows, true);
    } catch (CappedBuffer.Full full) {
      return new Rendered(bytes.toByteArray(), -1, false);
    }
  }

  record Rendered(byte[] bytes, long rows, boolean complete) {}

  /** Keeps the first bytes and then stops the writer. */
  private static final class CappedBuffer extends ByteArrayOutputStream {
    private final int max;

    CappedBuffer(int max) {
      this.max = max;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      int room = max - count;
      super.write(bytes, offset, Math.min(room, length));
      if (length > room) {
        throw new Full();
      }
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    /** Unchecked so it passes through the generator untouched. */
    static final class Full extends RuntimeException {
      private static final long serialVersionUID = 1L;
    }
  }

  /** Gzip at the fastest level: the default level makes large responses CPU-bound. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 8192);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private static boolean acceptsGzip(HttpExchange exchange) {
    return exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of()).stream()
        .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("gzip"));
  }
}
