package tech.flashback.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code POST /bucket/{id}/stats} with {@code {"day":"<UTC midnight>"}}: one entry per node. 404
 * for an unknown or removed bucket, 400 for a missing, unparsable or non-midnight day. Days before
 * history start, and days that have not begun yet, have no stats.
 */
final class NodeDailyHandler implements EndpointHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SyntheticDataset dataset;
  private final RowJsonWriter rows;

  NodeDailyHandler(SyntheticDataset dataset, RowJsonWriter rows) {
    this.dataset = dataset;
    this.rows = rows;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    String bucketId = request.bucketIds().get(0);
    if (!dataset.isActive(bucketId)) {
      return ApiResponse.error(404, "Bucket not found");
    }
    LocalDate day = parseDay(request.body());
    boolean started = !day.atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(request.now());
    List<SimNodeStat> stats = started ? dataset.nodeStats(bucketId, day) : List.of();
    return ApiResponse.ok(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", true);
          g.writeArrayFieldStart("nodeStats");
          for (SimNodeStat stat : stats) {
            rows.writeNodeStat(g, stat);
          }
          g.writeEndArray();
          g.writeEndObject();
          return stats.size();
        });
  }

  private static LocalDate parseDay(String body) {
    JsonNode day;
    try {
      day = JSON.readTree(body == null || body.isBlank() ? "{}" : body).path("day");
    } catch (IOException e) {
      throw new BadRequestException("Request body is not valid JSON");
    }
    if (!day.isTextual()) {
      throw new BadRequestException("day is required");
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(day.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException("day must be an ISO-8601 timestamp");
    }
    if (instant.toEpochMilli() % 86_400_000L != 0) {
      throw new BadRequestException("day must be at midnight UTC");
    }
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
