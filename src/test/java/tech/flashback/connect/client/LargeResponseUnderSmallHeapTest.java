package tech.flashback.connect.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB body must be refused, not buffered: the client runs in a JVM with a 64 MB heap and meets
 * three such bodies (rows streamed without a length, a declared 200 MB length, and one 200 MB
 * string). It must report each as an error and never die of an OutOfMemoryError.
 */
class LargeResponseUnderSmallHeapTest {

  private static final long BODY_BYTES = 200L * 1024 * 1024;
  private static final long LIMIT_BYTES = 16L * 1024 * 1024;

  @Test
  void twoHundredMegabyteBodiesAreRefusedByAClientWithA64MegabyteHeap(@TempDir Path dir)
      throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(streamed(rows(), -1));
      server.enqueue(streamed(rows(), BODY_BYTES));
      server.enqueue(streamed(oneHugeString(), -1));
      server.start();

      Path output = dir.resolve("probe.out");
      Process probe =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx64m",
                  "-XX:+ExitOnOutOfMemoryError",
                  "-cp",
                  System.getProperty("java.class.path"),
                  SmallHeapProbe.class.getName(),
                  server.url("/").toString(),
                  Long.toString(LIMIT_BYTES),
                  "3")
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();

      List<String> lines =
          Files.readAllLines(output).stream().filter(l -> !l.contains("SLF4J")).toList();
      assertThat(probe.exitValue()).as(String.join("\n", lines)).isZero();
      assertThat(lines)
          .containsSubsequence(
              "ResponseTooLargeException", "ResponseTooLargeException", "ApiUnavailableException");
      assertThat(lines).noneMatch(line -> line.contains("OutOfMemoryError"));
      assertThat(lines).anyMatch(line -> line.startsWith("max-heap "));
    }
  }

  /** Writes up to 200 MB from a repeating generator; stops quietly when the client hangs up. */
  private static MockResponse streamed(Chunks chunks, long declaredLength) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/json")
        .body(
            new MockResponseBody() {
              @Override
              public long getContentLength() {
                return declaredLength;
              }

              @Override
              public void writeTo(BufferedSink sink) throws IOException {
                long written = 0;
                byte[] head = chunks.head().getBytes(StandardCharsets.UTF_8);
                byte[] repeat = chunks.repeat().getBytes(StandardCharsets.UTF_8);
                sink.write(head);
                written += head.length;
                while (written + repeat.length <= BODY_BYTES) {
                  sink.write(repeat);
                  written += repeat.length;
                }
                byte[] filler = " ".repeat((int) (BODY_BYTES - written)).getBytes();
                sink.write(filler);
                sink.flush();
              }
            })
        .build();
  }

  private record Chunks(String head, String repeat) {}

  private static Chunks rows() {
    String row =
        "{\"timestamp\":1706745600000,\"repoId\":\"repo-1\",\"bucketId\":\"a\","
            + "\"upl_bytes\":1024,\"dwl_bytes\":2048,\"size_change\":-512,\"latency_ms\":37,"
            + "\"host\":\"node-1.flashback.tech\"},";
    return new Chunks("{\"success\":true,\"data\":[", row.repeat(64));
  }

  private static Chunks oneHugeString() {
    return new Chunks("{\"success\":true,\"data\":[{\"bucketId\":\"", "x".repeat(8_192));
  }
}
