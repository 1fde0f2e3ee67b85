package tech.flashback.connect.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

  @Test
  void parsesEveryFlag() {
    SimulatorSettings settings =
        SimulatorCli.parse(
                "--port",
                "0",
                "--bind",
                "0.0.0.0",
                "--buckets",
                "50",
                "--workspaces",
                "3",
                "--repos",
                "4",
                "--hosts",
                "1",
                "--nodes",
                "2",
                "--seed",
                "7",
                "--token",
                "t0k",
                "--history",
                "P7D",
                "--late-fraction",
                "0.25",
                "--late-by",
                "PT5M",
                "--latency-ms",
                "15",
                "--error-rate",
                "0.1",
                "--malformed-rate=0.02",
                "--vary-encodings",
                "--day-granular-filtering",
                "--large-counters")
            .orElseThrow()
            .settings();
    DatasetConfig data = settings.dataset();
    assertThat(settings.port()).isZero();
    assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(settings.token()).isEqualTo("t0k");
    assertThat(data.initialBuckets()).isEqualTo(50);
    assertThat(data.workspaces()).isEqualTo(3);
    assertThat(data.reposPerBucket()).isEqualTo(4);
    assertThat(data.hostsPerBucket()).isEqualTo(1);
    assertThat(data.nodesPerBucket()).isEqualTo(2);
    assertThat(data.seed()).isEqualTo(7);
    assertThat(Duration.between(data.historyStart(), Instant.now()))
        .isBetween(Duration.ofDays(7), Duration.ofDays(7).plusMinutes(2));
    assertThat(data.lateFraction()).isEqualTo(0.25);
    assertThat(data.lateBy()).isEqualTo(Duration.ofMinutes(5));
    assertThat(data.largeCounters()).isTrue();
    assertThat(settings.latency()).isEqualTo(Duration.ofMillis(15));
    assertThat(settings.errorRate()).isEqualTo(0.1);
    assertThat(settings.malformedRate()).isEqualTo(0.02);
    assertThat(settings.varyEncodings()).isTrue();
    assertThat(settings.dayGranularFiltering()).isTrue();
  }

  @Test
  void defaultsToPort8080AndTheBuilderDefaults() {
    SimulatorSettings settings = SimulatorCli.parse().orElseThrow().settings();
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(settings.token()).isEqualTo("sim-token");
    assertThat(settings.dataset().seed()).isEqualTo(42);
    assertThat(settings.dataset().initialBuckets()).isEqualTo(5);
    assertThat(settings.varyEncodings()).isFalse();
  }

  @Test
  void helpPrintsUsageAndStartsNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Optional<FlashbackSimulator> started =
        SimulatorMain.start(new PrintStream(out, true, StandardCharsets.UTF_8), "--help");
    assertThat(started).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: SimulatorMain")
        .contains("--late-by", "--vary-encodings", "--day-granular-filtering", "--help");
  }

  @Test
  void rejectsUnknownFlagsAndBadValues() {
    assertThatThrownBy(() -> SimulatorCli.parse("--colour", "blue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--colour");
    assertThatThrownBy(() -> SimulatorCli.parse("--buckets", "many"))
        .hasMessageContaining("--buckets");
    assertThatThrownBy(() -> SimulatorCli.parse("--seed")).hasMessageContaining("Missing value");
    assertThatThrownBy(() -> SimulatorCli.parse("--error-rate", "2").orElseThrow().settings())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startsAServingSimulatorAndPrintsItsUrlAndToken() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FlashbackSimulator simulator =
        SimulatorMain.start(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                "--port",
                "0",
                "--buckets",
                "3",
                "--token",
                "demo")
            .orElseThrow()) {
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("listening on " + simulator.baseUrl())
          .contains("Token: demo");
      assertThat(new SimHttp(simulator).getJson("/bucket").get("buckets")).hasSize(3);
      assertThat(simulator.requests()).hasSize(1);
      // The line is printed right after the response is sent, so give it a moment.
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (!out.toString(StandardCharsets.UTF_8).contains(" GET /bucket 200 rows=3 ")
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(out.toString(StandardCharsets.UTF_8).lines())
          .filteredOn(line -> line.contains(" GET /bucket 200 rows=3 "))
          .hasSize(1);
    }
  }
}
