package tech.flashback.connect.client;

/**
 * The API refused the request in a way retrying cannot fix: a 4xx other than 401/403/404/408/429,
 * {@code success: false} in a 200 answer, or a server certificate that is not trusted.
 */
public final class ApiRequestException extends FlashbackApiException {

  private static final long serialVersionUID = 1L;

  private final int status;

  ApiRequestException(Endpoint endpoint, int status, String message, Throwable cause) {
    super(endpoint, message, cause);
    this.status = status;
  }

  /** The HTTP status, or 0 when the failure happened before one was received. */
  public int status() {
    return status;
  }

  @Override
  public boolean isRetriable() {
    return false;
  }
}
