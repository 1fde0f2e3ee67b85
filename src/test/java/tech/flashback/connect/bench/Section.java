package tech.flashback.connect.bench;

import java.time.Instant;
import java.util.List;

/**
 * What one benchmark part measured: its figures for the summary table and a Markdown body with the
 * method, the detailed tables and, where a target is missed, by how much and why.
 *
 * @param id the part's id, also the file name it is kept under
 * @param order where the section goes in the report
 * @param title the section's heading
 * @param measuredAt when the part ran
 * @param seconds how long it ran
 * @param figures the figures, each next to its limit
 * @param body Markdown without the heading
 */
public record Section(
    String id,
    int order,
    String title,
    Instant measuredAt,
    long seconds,
    List<Figure> figures,
    String body) {

  public Section {
    figures = List.copyOf(figures);
  }
}
