package tech.flashback.connect.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/** Answers a request with a one-shot {@link Fault} instead of (or cut from) the real response. */
final class FaultResponder {

  /** IMF-fixdate, the preferred HTTP-date form (two-digit day). */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final String LOGIN_PAGE =
      "<!DOCTYPE html>\n<html><head><title>Sign in - Flashback</title></head>\n"
          + "<body><form method=\"post\" action=\"/login\"><input name=\"email\">"
          + "<button>Sign in</button></form></body></html>\n";

  private static final int MAX_RENDERED = 2 * 1024 * 1024;

  private final ResponseSender sender;

  FaultResponder(ResponseSender sender) {
    this.sender = sender;
  }

  /**
   * Sends the fault's response. {@code realResponse} is only produced for faults that cut a real
   * body. Stalls are not handled here: they delay, then the normal path answers.
   */
  void respond(
      HttpExchange exchange,
      Fault fault,
      Instant now,
      Supplier<ApiResponse> realResponse,
      ExchangeOutcome outcome)
      throws IOException {
    outcome.fault = fault;
    switch (fault.kind()) {
      case RETRY_AFTER_SECONDS -> {
        exchange
            .getResponseHeaders()
            .set("Retry-After", Long.toString(fault.duration().toSeconds()));
        sendJsonError(exchange, fault, outcome);
      }
      case RETRY_AFTER_HTTP_DATE -> {
        exchange.getResponseHeaders().set("Retry-After", httpDate(now, fault));
        sendJsonError(exchange, fault, outcome);
      }
      case JSON_ERROR -> sendJsonError(exchange, fault, outcome);
      case UNSUCCESSFUL_OK -> sendJsonError(exchange, fault, outcome);
      case HTML_ERROR_PAGE -> sendHtml(exchange, fault.status(), errorPage(fault), outcome);
      case HTML_OK_BODY -> sendHtml(exchange, 200, LOGIN_PAGE, outcome);
      case EMPTY_OK_BODY -> {
        sender.sendBytes(exchange, 200, ResponseSender.JSON_TYPE, new byte[0], outcome::commit);
        outcome.answered(200, 0);
      }
      case TRUNCATED_FIXED_LENGTH -> sendTruncated(exchange, realResponse.get(), false, outcome);
      case TRUNCATED_CHUNKED -> sendTruncated(exchange, realResponse.get(), true, outcome);
      default -> throw new IllegalStateException("Not a responding fault: " + fault.kind());
    }
  }

  private void sendJsonError(HttpExchange exchange, Fault fault, ExchangeOutcome outcome)
      throws IOException {
    sender.sendJson(exchange, fault.status(), JsonBody.error(fault.message()), outcome::commit);
    outcome.answered(fault.status(), 0);
  }

  private void sendHtml(HttpExchange exchange, int status, String html, ExchangeOutcome outcome)
      throws IOException {
    sender.sendBytes(
        exchange,
        status,
        ResponseSender.HTML_TYPE,
        html.getBytes(StandardCharsets.UTF_8),
        outcome::commit);
    outcome.answered(status, 0);
  }

  /**
   * Sends about half of the real body (of its first {@link #MAX_RENDERED} bytes for huge ones),
   * then drops the connection mid-JSON. Content-Length, if used, promises the whole body.
   */
  private void sendTruncated(
      HttpExchange exchange, ApiResponse response, boolean chunked, ExchangeOutcome outcome)
      throws IOException {
    ResponseSender.Rendered full = sender.render(response.body(), MAX_RENDERED);
    byte[] bytes = full.bytes();
    exchange.getResponseHeaders().set("Content-Type", ResponseSender.JSON_TYPE);
    long promised = full.complete() ? bytes.length : bytes.length + 1L;
    exchange.sendResponseHeaders(response.status(), chunked ? 0 : promised);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes, 0, bytes.length / 2);
    out.flush();
    outcome.answered(response.status(), full.rows());
    throw new ConnectionCutException("truncated body fault");
  }

  /** Rounded up to the next whole second, so waiting until the date is at least the delay. */
  private static String httpDate(Instant now, Fault fault) {
    long millis = now.plus(fault.duration()).toEpochMilli();
    return HTTP_DATE.format(Instant.ofEpochSecond(Math.floorDiv(millis + 999, 1000)));
  }

  private static String errorPage(Fault fault) {
    String title = fault.status() + " " + fault.message();
    return "<html>\r\n<head><title>"
        + title
        + "</title></head>\r\n<body>\r\n<center><h1>"
        + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  }
}
