package tech.flashback.connect.client;

/** HTTP 401: the API rejected the token. Retrying cannot help; the operator must fix the token. */
public final class ApiAuthenticationException extends FlashbackApiException {

  private static final long serialVersionUID = 1L;

  ApiAuthenticationException(Endpoint endpoint) {
    super(
        endpoint,
        "Flashback API rejected the API token (HTTP 401 on "
            + endpoint
            + "); check that the configured token is valid and not expired",
        null);
  }

  @Override
  public boolean isRetriable() {
    return false;
  }
}
