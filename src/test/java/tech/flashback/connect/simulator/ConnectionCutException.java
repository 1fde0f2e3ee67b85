package tech.flashback.connect.simulator;

import java.io.IOException;

/**
 * Thrown out of the HTTP handler on purpose: the JDK server then closes the connection without
 * completing the response (no final chunk, fewer bytes than Content-Length, or no answer).
 */
final class ConnectionCutException extends IOException {

  private static final long serialVersionUID = 1L;

  ConnectionCutException(String reason) {
    super(reason);
  }
}
