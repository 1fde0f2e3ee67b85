package tech.flashback.connect.client;

import java.io.IOException;

/** Thrown from inside the body stream, so it passes through the JSON parser unchanged. */
final class ResponseTooLargeIoException extends IOException {

  private static final long serialVersionUID = 1L;

  ResponseTooLargeIoException(long maxBytes) {
    super("response body larger than " + maxBytes + " bytes");
  }
}
