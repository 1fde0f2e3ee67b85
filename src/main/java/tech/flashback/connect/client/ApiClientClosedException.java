package tech.flashback.connect.client;

/** The client was closed (or its thread interrupted) while a call was waiting or in flight. */
public final class ApiClientClosedException extends FlashbackApiException {

  private static final long serialVersionUID = 1L;

  ApiClientClosedException(Endpoint endpoint, String why) {
    super(endpoint, "Flashback API call to " + endpoint + " abandoned: " + why, null);
  }

  @Override
  public boolean isRetriable() {
    return false;
  }
}
