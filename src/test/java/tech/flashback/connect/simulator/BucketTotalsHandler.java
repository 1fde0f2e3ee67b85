package tech.flashback.connect.simulator;

import java.util.List;

/**
 * {@code GET /bucket/stats[?bucketId=a,b]}: cumulative totals. Unknown or removed ids are omitted;
 * without a list, every active bucket the token may read (denied ones are left out).
 */
final class BucketTotalsHandler implements EndpointHandler {

  private final SyntheticDataset dataset;
  private final FaultPlan faults;
  private final RowJsonWriter rows;

  BucketTotalsHandler(SyntheticDataset dataset, FaultPlan faults, RowJsonWriter rows) {
    this.dataset = dataset;
    this.faults = faults;
    this.rows = rows;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    List<String> asked = request.bucketIds();
    List<String> ids =
        asked.isEmpty()
            ? dataset.buckets().stream()
                .map(SimBucket::id)
                .filter(id -> faults.deniedStatus(id).isEmpty())
                .toList()
            : asked.stream().filter(dataset::isActive).toList();
    List<SimTotals> totals = ids.stream().map(id -> dataset.totals(id, request.now())).toList();
    return ApiResponse.ok(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", true);
          g.writeArrayFieldStart("stats");
          for (SimTotals total : totals) {
            rows.writeTotals(g, total);
          }
          g.writeEndArray();
          g.writeEndObject();
          return totals.size();
        });
  }
}
