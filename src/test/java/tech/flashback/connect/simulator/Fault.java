package tech.flashback.connect.simulator;

import java.time.Duration;

/**
 * A one-shot fault queued with {@link FaultPlan#failNext}. {@code duration} is the Retry-After for
 * 429s and the hold time for stalls; unused otherwise.
 */
public record Fault(FaultKind kind, int status, Duration duration, String message) {

  /** A stall that only ends when the simulator closes (bounded at a day). */
  public static final Duration UNTIL_CLOSE = Duration.ofDays(1);

  public static Fault retryAfterSeconds(long seconds) {
    return new Fault(
        FaultKind.RETRY_AFTER_SECONDS, 429, Duration.ofSeconds(seconds), "Too Many Requests");
  }

  /** {@code Retry-After} as an HTTP date this far after now, rounded up to whole seconds. */
  public static Fault retryAfterHttpDate(Duration delay) {
    return new Fault(FaultKind.RETRY_AFTER_HTTP_DATE, 429, delay, "Too Many Requests");
  }

  /** A JSON error for 500, 502, 503 or 504 (any status >= 400 is accepted). */
  public static Fault jsonError(int status) {
    return new Fault(FaultKind.JSON_ERROR, status, Duration.ZERO, reason(status));
  }

  public static Fault serviceUnavailable() {
    return jsonError(503);
  }

  public static Fault htmlErrorPage(int status) {
    return new Fault(FaultKind.HTML_ERROR_PAGE, status, Duration.ZERO, reason(status));
  }

  public static Fault htmlOkBody() {
    return new Fault(FaultKind.HTML_OK_BODY, 200, Duration.ZERO, "OK");
  }

  public static Fault truncatedBody() {
    return new Fault(FaultKind.TRUNCATED_FIXED_LENGTH, 200, Duration.ZERO, "OK");
  }

  public static Fault truncatedChunkedBody() {
    return new Fault(FaultKind.TRUNCATED_CHUNKED, 200, Duration.ZERO, "OK");
  }

  public static Fault emptyOkBody() {
    return new Fault(FaultKind.EMPTY_OK_BODY, 200, Duration.ZERO, "OK");
  }

  public static Fault unsuccessful(String message) {
    return new Fault(FaultKind.UNSUCCESSFUL_OK, 200, Duration.ZERO, message);
  }

  public static Fault stall(Duration duration) {
    return new Fault(FaultKind.STALL, 0, duration, "stall");
  }

  public static Fault stallUntilClose() {
    return stall(UNTIL_CLOSE);
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error " + status;
    };
  }
}
