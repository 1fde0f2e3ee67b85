package tech.flashback.connect.simulator;

/** What a one-shot {@link Fault} does to a response. */
public enum FaultKind {
  /** 429 with {@code Retry-After: <seconds>}. */
  RETRY_AFTER_SECONDS,
  /** 429 with {@code Retry-After: <HTTP date>} (simulator clock). */
  RETRY_AFTER_HTTP_DATE,
  /** A JSON error {@code {"success":false,"message":...}} with the fault's status. */
  JSON_ERROR,
  /** A proxy's HTML error page ({@code text/html}) with the fault's status. */
  HTML_ERROR_PAGE,
  /** 200 with an HTML body (a login page or captive portal instead of JSON). */
  HTML_OK_BODY,
  /** Content-Length promises the full body, about half is sent, the connection is closed. */
  TRUNCATED_FIXED_LENGTH,
  /** A chunked body cut mid-JSON without the final chunk; the connection is closed. */
  TRUNCATED_CHUNKED,
  /** 200 with an empty body. */
  EMPTY_OK_BODY,
  /** 200 with {@code {"success":false,"message":...}}. */
  UNSUCCESSFUL_OK,
  /** No answer for the fault's duration (then the normal response), or until the server closes. */
  STALL
}
