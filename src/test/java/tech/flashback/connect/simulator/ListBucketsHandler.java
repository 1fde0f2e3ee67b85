package tech.flashback.connect.simulator;

import java.util.List;

/** {@code GET /bucket[?workspaceId=]}: the catalog, credentials included as the real API does. */
final class ListBucketsHandler implements EndpointHandler {

  private final SyntheticDataset dataset;
  private final RowJsonWriter rows;

  ListBucketsHandler(SyntheticDataset dataset, RowJsonWriter rows) {
    this.dataset = dataset;
    this.rows = rows;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    List<SimBucket> buckets =
        request.query().get("workspaceId").map(dataset::buckets).orElseGet(dataset::buckets);
    return ApiResponse.ok(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", true);
          g.writeArrayFieldStart("buckets");
          for (SimBucket bucket : buckets) {
            rows.writeBucket(g, bucket);
          }
          g.writeEndArray();
          g.writeEndObject();
          return buckets.size();
        });
  }
}
