package tech.flashback.connect.client;

import java.util.ArrayList;
import java.util.List;
import tech.flashback.connect.client.model.RowProblem;

/**
 * The outcome of one client call, which may span several HTTP requests (chunks of bucket ids).
 *
 * @param rows the rows read, in the order the server sent them, chunk after chunk
 * @param problems rows that could not be read; the caller applies its malformed-row policy
 * @param deniedBuckets buckets the API refused with 403/404; the other buckets' rows are present
 * @param <T> the row type
 */
public record ApiResult<T>(
    List<T> rows, List<RowProblem> problems, List<BucketDenial> deniedBuckets) {

  public ApiResult {
    rows = List.copyOf(rows);
    problems = List.copyOf(problems);
    deniedBuckets = List.copyOf(deniedBuckets);
  }

  static <T> ApiResult<T> empty() {
    return new ApiResult<>(List.of(), List.of(), List.of());
  }

  static <T> ApiResult<T> denied(BucketDenial denial) {
    return new ApiResult<>(List.of(), List.of(), List.of(denial));
  }

  static <T> ApiResult<T> merge(List<ApiResult<T>> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    List<T> rows = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    List<BucketDenial> denied = new ArrayList<>();
    for (ApiResult<T> part : parts) {
      rows.addAll(part.rows());
      problems.addAll(part.problems());
      denied.addAll(part.deniedBuckets());
    }
    return new ApiResult<>(rows, problems, denied);
  }
}
