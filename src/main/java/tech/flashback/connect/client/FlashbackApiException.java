package tech.flashback.connect.client;

/**
 * Base of the client's errors. Messages never contain the API token or bucket credentials: they are
 * built from the endpoint, the HTTP status and server text that has been redacted.
 */
public abstract class FlashbackApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Endpoint endpoint;

  FlashbackApiException(Endpoint endpoint, String message, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
  }

  /** The call that failed. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Whether trying the same call later may succeed. */
  public abstract boolean isRetriable();
}
