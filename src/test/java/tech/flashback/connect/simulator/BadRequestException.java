package tech.flashback.connect.simulator;

/** A request the API rejects with 400; the message goes into the JSON error body. */
final class BadRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message);
  }
}
