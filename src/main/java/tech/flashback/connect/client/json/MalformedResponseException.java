package tech.flashback.connect.client.json;

import java.io.IOException;

/**
 * A body that is not the JSON envelope the API promises (an HTML page from a proxy, a bare array, a
 * truncated document). Usually transient, so callers retry it.
 */
public final class MalformedResponseException extends IOException {

  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String message) {
    super(message);
  }

  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
