package tech.flashback.connect.client;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.Time;

/**
 * Run in a separate JVM with a small heap by {@link LargeResponseUnderSmallHeapTest}: makes one
 * minute-stats call per argument-given response and prints how each ended, one line each.
 */
public final class SmallHeapProbe {

  private SmallHeapProbe() {}

  public static void main(String[] args) {
    String baseUrl = args[0];
    long maxBytes = Long.parseLong(args[1]);
    int calls = Integer.parseInt(args[2]);
    ApiClientSettings settings =
        ApiClientSettings.builder(baseUrl, new Password(ClientTestSupport.TOKEN))
            .maxResponseBytes(maxBytes)
            .maxAttempts(1)
            .build();
    try (OkHttpFlashbackApiClient client = new OkHttpFlashbackApiClient(settings, Time.SYSTEM)) {
      for (int i = 0; i < calls; i++) {
        try {
          int rows = client.minuteStats(List.of("a"), Instant.EPOCH, Instant.EPOCH).rows().size();
          System.out.println("OK " + rows);
        } catch (RuntimeException e) {
          System.out.println(e.getClass().getSimpleName());
        }
      }
    }
    System.out.println("max-heap " + Runtime.getRuntime().maxMemory());
  }
}
