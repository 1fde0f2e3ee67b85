package tech.flashback.connect.simulator;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code GET /stats/minute}: visible rows inside the window, for the listed buckets (unknown ones
 * ignored) or every readable bucket, optionally only the listed repos. Streamed row by row.
 */
final class MinuteStatsHandler implements EndpointHandler {

  private final SyntheticDataset dataset;
  private final FaultPlan faults;
  private final RowJsonWriter rows;
  private final boolean dayGranularFiltering;

  MinuteStatsHandler(
      SyntheticDataset dataset, FaultPlan faults, RowJsonWriter rows, boolean dayGranular) {
    this.dataset = dataset;
    this.faults = faults;
    this.rows = rows;
    this.dayGranularFiltering = dayGranular;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    QueryParams query = request.query();
    MinuteWindow window =
        MinuteWindow.parse(
            query.get("startDate"),
            query.get("endDate"),
            dataset.historyStart(),
            request.now(),
            dayGranularFiltering);
    List<String> asked = request.bucketIds();
    List<String> bucketIds =
        asked.isEmpty()
            ? dataset.buckets().stream()
                .map(SimBucket::id)
                .filter(id -> faults.deniedStatus(id).isEmpty())
                .toList()
            : asked.stream().filter(dataset::isActive).toList();
    Set<String> repos = Set.copyOf(query.list("repoId"));
    return ApiResponse.ok(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", true);
          g.writeArrayFieldStart("data");
          long count = 0;
          try (Stream<SimMinuteRow> visible =
              dataset.visibleMinuteRows(bucketIds, window.from(), window.to(), request.now())) {
            Iterator<SimMinuteRow> it =
                visible.filter(r -> repos.isEmpty() || repos.contains(r.repoId())).iterator();
            while (it.hasNext()) {
              rows.writeMinuteRow(g, it.next());
              count++;
            }
          }
          g.writeEndArray();
          g.writeEndObject();
          return count;
        });
  }
}
