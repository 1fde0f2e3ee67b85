package tech.flashback.connect.bench.conversion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.utils.MockTime;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimBucket;

/**
 * The response bodies the conversion benchmarks read: the exact bytes the API simulator sends for
 * one request of each kind, fetched over loopback once per JVM and then replayed from memory.
 *
 * <p>Shapes: one minute-stats response for {@value #BUCKETS} buckets (the connector's default ids
 * per request) x {@value #REPOS_PER_BUCKET} repos x {@value #HOSTS_PER_BUCKET} hosts x {@value
 * #MINUTES} minutes = {@value #MINUTE_ROWS} rows, every one inside the asked window; one node-daily
 * response of {@value #NODES} nodes; one totals response for {@value #BUCKETS} buckets. Values are
 * in the documented encodings (numbers as JSON numbers, epoch-millisecond timestamps, totals as
 * numeric strings), with no late or malformed rows.
 */
final class SimulatedResponses {

  static final int BUCKETS = 100;
  static final int REPOS_PER_BUCKET = 2;
  static final int HOSTS_PER_BUCKET = 2;
  static final int MINUTES = 25;
  static final int MINUTE_ROWS = BUCKETS * REPOS_PER_BUCKET * HOSTS_PER_BUCKET * MINUTES;
  static final int NODES = 1_000;

  static final Instant HISTORY_START = Instant.parse("2024-02-29T00:00:00Z");

  /** The minute window asked for: [start, start + {@value #MINUTES} min). */
  static final Instant WINDOW_START = Instant.parse("2024-03-01T12:00:00Z");

  static final Instant WINDOW_END = WINDOW_START.plus(Duration.ofMinutes(MINUTES));

  /** The closed day the node-daily response is for. */
  static final LocalDate DAY = LocalDate.parse("2024-02-29");

  /** When the bodies are asked for and converted: the window is readable after a 3-minute lag. */
  static final Instant NOW = WINDOW_END.plus(Duration.ofMinutes(3)).plusSeconds(30);

  private static final String TOKEN = "bench-token";
  private static Responses cached;

  private SimulatedResponses() {}

  /** The bodies, fetched on first use. */
  static synchronized Responses get() {
    if (cached == null) {
      cached = fetch();
    }
    return cached;
  }

  private static Responses fetch() {
    try (FlashbackSimulator simulator =
        FlashbackSimulator.builder()
            .time(new MockTime(0, NOW.toEpochMilli(), 0))
            .token(TOKEN)
            .seed(42)
            .buckets(BUCKETS)
            .reposPerBucket(REPOS_PER_BUCKET)
            .hostsPerBucket(HOSTS_PER_BUCKET)
            .nodesPerBucket(NODES)
            .historyStart(HISTORY_START)
            .lateFraction(0)
            .start()) {
      List<String> ids = simulator.dataset().buckets().stream().map(SimBucket::id).toList();
      String idList = String.join(",", ids);
      HttpClient http = HttpClient.newHttpClient();
      String base = simulator.baseUrl();
      byte[] minute =
          get(
              http,
              base
                  + "/stats/minute?startDate="
                  + WINDOW_START
                  + "&endDate="
                  + WINDOW_END.minusMillis(1)
                  + "&bucketId="
                  + idList);
      byte[] nodeDaily =
          send(
              http,
              request(base + "/bucket/" + ids.get(0) + "/stats")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"day\":\"" + DAY.atStartOfDay(ZoneOffset.UTC).toInstant() + "\"}"))
                  .build());
      byte[] totals = get(http, base + "/bucket/stats?bucketId=" + idList);
      return new Responses(
          ids,
          new ResponseBody(minute, MINUTE_ROWS),
          new ResponseBody(nodeDaily, NODES),
          new ResponseBody(totals, BUCKETS));
    }
  }

  private static byte[] get(HttpClient http, String url) {
    return send(http, request(url).GET().build());
  }

  private static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Accept", "application/json");
  }

  private static byte[] send(HttpClient http, HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "simulator answered HTTP " + response.statusCode() + " to " + request.uri().getPath());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + request.uri().getPath(), e);
    }
  }

  /**
   * One recorded body and the number of rows it holds.
   *
   * @param json the body as sent
   * @param rows the rows in its data array
   */
  record ResponseBody(byte[] json, int rows) {}

  /**
   * The three bodies.
   *
   * @param bucketIds the buckets they are for, in listing order; node-daily is for the first
   */
  record Responses(
      List<String> bucketIds, ResponseBody minute, ResponseBody nodeDaily, ResponseBody totals) {}
}
