package tech.flashback.connect.client.json;

import java.util.List;
import tech.flashback.connect.client.model.RowProblem;

/**
 * What one response body held.
 *
 * @param success the envelope's {@code success} flag, {@code null} when absent
 * @param message the envelope's {@code message}, {@code null} when absent
 * @param dataPresent whether the data array (possibly empty or null) was present
 * @param rows the rows that could be read, in the order received
 * @param problems the rows that could not be read
 * @param <T> the row type
 */
public record ParsedResponse<T>(
    Boolean success, String message, boolean dataPresent, List<T> rows, List<RowProblem> problems) {

  public ParsedResponse {
    rows = List.copyOf(rows);
    problems = List.copyOf(problems);
  }
}
