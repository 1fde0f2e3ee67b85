package tech.flashback.connect.simulator;

/** A status and a body still to be streamed. */
record ApiResponse(int status, JsonBody body) {

  static ApiResponse ok(JsonBody body) {
    return new ApiResponse(200, body);
  }

  static ApiResponse error(int status, String message) {
    return new ApiResponse(status, JsonBody.error(message));
  }
}
