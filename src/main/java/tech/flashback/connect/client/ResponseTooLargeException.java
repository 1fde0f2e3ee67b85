package tech.flashback.connect.client;

/**
 * A response body exceeded the configured maximum. It is refused rather than buffered, so a huge
 * body cannot exhaust the worker's heap; asking for fewer buckets or a shorter window helps.
 */
public final class ResponseTooLargeException extends FlashbackApiException {

  private static final long serialVersionUID = 1L;

  ResponseTooLargeException(Endpoint endpoint, long maxBytes) {
    super(
        endpoint,
        "Flashback API response for "
            + endpoint
            + " exceeds the maximum of "
            + maxBytes
            + " bytes; raise the maximum response size or request fewer buckets or a shorter"
            + " window per call",
        null);
  }

  @Override
  public boolean isRetriable() {
    return false;
  }
}
