package tech.flashback.connect.client;

/**
 * The API kept failing transiently (429, 5xx, timeouts, resets, malformed bodies) through every
 * attempt the retry policy allows. Nothing was consumed; the same call may succeed later.
 */
public final class ApiUnavailableException extends FlashbackApiException {

  private static final long serialVersionUID = 1L;

  ApiUnavailableException(Endpoint endpoint, String reason, int attempts, Throwable cause) {
    super(
        endpoint,
        "Flashback API unavailable for " + endpoint + " after " + attempts + " attempts: " + reason,
        cause);
  }

  @Override
  public boolean isRetriable() {
    return true;
  }
}
