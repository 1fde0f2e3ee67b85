package tech.flashback.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every benchmark part gets: a scratch folder of its own, the folder the report goes to, the
 * machine, and the run's options (system properties starting with {@code bench.}).
 *
 * @param workDir scratch files of this run ({@code target/bench})
 * @param docsDir where the report and its charts are written ({@code docs})
 * @param machine the machine measured
 */
public record BenchContext(Path workDir, Path docsDir, Machine machine) {

  /** A folder of the part's own under {@link #workDir()}, created if needed. */
  public Path scratch(String partId) throws IOException {
    return Files.createDirectories(workDir.resolve(partId));
  }

  /** An integer option {@code -Dbench.<name>=..}, or the default. */
  public int option(String name, int defaultValue) {
    String value = System.getProperty("bench." + name);
    return value == null ? defaultValue : Integer.parseInt(value.trim());
  }

  /** A duration option {@code -Dbench.<name>=PT2M}, or the default. */
  public Duration option(String name, Duration defaultValue) {
    String value = System.getProperty("bench." + name);
    return value == null ? defaultValue : Duration.parse(value.trim());
  }

  /** A Markdown link from the report to a file under {@link #docsDir()}. */
  public String docsLink(Path file) {
    return docsDir.relativize(file).toString();
  }
}
