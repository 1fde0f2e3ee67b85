package tech.flashback.connect.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts a response's rows in emission order without duplicates. The sort is stable, so the copies of
 * a row follow it in the order received and the first received is kept, without a hash map over the
 * whole response.
 */
final class EmissionOrder {

  private EmissionOrder() {}

  /**
   * The rows in their natural order, each once (rows comparing equal are copies). Rows usually
   * arrive in that order already, so one pass checks for it before anything is sorted or copied.
   */
  static <T extends Comparable<? super T>> List<T> sortedUnique(List<T> rows) {
    if (strictlyIncreasing(rows)) {
      return rows;
    }
    rows.sort(null);
    List<T> unique = new ArrayList<>(rows.size());
    for (T row : rows) {
      if (unique.isEmpty() || unique.get(unique.size() - 1).compareTo(row) != 0) {
        unique.add(row);
      }
    }
    return unique;
  }

  private static <T extends Comparable<? super T>> boolean strictlyIncreasing(List<T> rows) {
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i - 1).compareTo(rows.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }
}
