package tech.flashback.connect.simulator;

import java.time.Instant;
import java.util.List;

/** A routed request: what the endpoint handlers see. */
record ApiRequest(
    SimulatorEndpoint endpoint,
    String method,
    String path,
    QueryParams query,
    String body,
    Instant now) {

  /** The bucket ids the request names: the path's for NODE_DAILY, else the bucketId list. */
  List<String> bucketIds() {
    return endpoint == SimulatorEndpoint.NODE_DAILY
        ? List.of(SimulatorEndpoint.pathBucketId(path))
        : query.list("bucketId");
  }
}
