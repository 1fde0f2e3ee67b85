package tech.flashback.connect.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command: it starts, records flow on all four topics, and it stops. */
class DemoIT {

  @Test
  void theDemoProducesRecordsOnAllFourTopicsAndStopsWithinItsDuration() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Demo demo =
        new Demo(
            DemoOptions.parse("--duration", "PT20S", "--buckets", "3"),
            new PrintStream(output, true, StandardCharsets.UTF_8),
            Map.of());

    long started = System.nanoTime();
    Map<String, Long> counts = demo.run();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    String printed = output.toString(StandardCharsets.UTF_8);
    assertThat(counts).containsOnlyKeys(Demo.TOPICS);
    assertThat(counts.values()).allSatisfy(count -> assertThat(count).isPositive());
    assertThat(printed)
        .contains(
            "Started the API simulator",
            "Deployed flashback-demo from config/flashback-source.properties")
        .contains("minute lag")
        .contains("Sample of flashback.minute:", "value Struct{minute=")
        .endsWith("Stopped." + System.lineSeparator());
    // 20 s of streaming plus cluster start and stop
    assertThat(took).isLessThan(Duration.ofSeconds(90));
  }

  @Test
  void badOptionsAreRefusedWithAClearMessage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DemoOptions.parse("--duration", "soon"))
        .hasMessageContaining("--duration must be ISO-8601");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoOptions.parse("--tasks", "0"))
        .hasMessageContaining("--tasks must be a positive whole number");
    assertThat(DemoOptions.parse("--help")).isNull();
    assertThat(DemoOptions.parse("--duration", "90").duration()).isEqualTo(Duration.ofSeconds(90));
  }
}
