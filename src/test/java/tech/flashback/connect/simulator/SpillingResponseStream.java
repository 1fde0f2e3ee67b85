package tech.flashback.connect.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body that is sent with Content-Length when it stays small, and switches to chunked
 * streaming once it outgrows the buffer. Small bodies then go out in one write (no Nagle /
 * delayed-ACK stalls), large ones never sit in memory.
 */
final class SpillingResponseStream extends OutputStream {

  private final HttpExchange exchange;
  private final int status;
  private final int limit;
  private final Runnable beforeCompletion;
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private OutputStream streaming;
  private boolean closed;

  SpillingResponseStream(HttpExchange exchange, int status, int limit, Runnable beforeCompletion) {
    this.exchange = exchange;
    this.status = status;
    this.limit = limit;
    this.beforeCompletion = beforeCompletion;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (streaming != null) {
      streaming.write(bytes, offset, length);
      return;
    }
    buffer.write(bytes, offset, length);
    if (buffer.size() > limit) {
      exchange.sendResponseHeaders(status, 0);
      streaming = exchange.getResponseBody();
      buffer.writeTo(streaming);
      buffer = null;
    }
  }

  /** Only a streaming body is flushed; a buffered one waits for close to learn its length. */
  @Override
  public void flush() throws IOException {
    if (streaming != null) {
      streaming.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    beforeCompletion.run();
    if (streaming != null) {
      streaming.close();
      return;
    }
    byte[] body = buffer.toByteArray();
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
