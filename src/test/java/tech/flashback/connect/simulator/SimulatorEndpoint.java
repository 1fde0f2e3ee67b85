package tech.flashback.connect.simulator;

import java.util.Optional;

/** The four API endpoints; faults and the request log are kept per endpoint. */
public enum SimulatorEndpoint {
  LIST_BUCKETS("GET", "/bucket"),
  BUCKET_TOTALS("GET", "/bucket/stats"),
  NODE_DAILY("POST", "/bucket/{bucketId}/stats"),
  MINUTE_STATS("GET", "/stats/minute");

  private final String method;
  private final String pathTemplate;

  SimulatorEndpoint(String method, String pathTemplate) {
    this.method = method;
    this.pathTemplate = pathTemplate;
  }

  public String method() {
    return method;
  }

  public String pathTemplate() {
    return pathTemplate;
  }

  /** The endpoint whose path this is, whatever the method. */
  static Optional<SimulatorEndpoint> forPath(String path) {
    switch (path) {
      case "/bucket":
        return Optional.of(LIST_BUCKETS);
      case "/bucket/stats":
        return Optional.of(BUCKET_TOTALS);
      case "/stats/minute":
        return Optional.of(MINUTE_STATS);
      default:
        break;
    }
    String[] segments = path.split("/", -1);
    if (segments.length == 4
        && segments[1].equals("bucket")
        && !segments[2].isEmpty()
        && segments[3].equals("stats")) {
      return Optional.of(NODE_DAILY);
    }
    return Optional.empty();
  }

  /** The {bucketId} segment of a NODE_DAILY path. */
  static String pathBucketId(String path) {
    return path.split("/")[2];
  }
}
