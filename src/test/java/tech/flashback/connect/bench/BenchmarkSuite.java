package tech.flashback.connect.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tech.flashback.connect.bench.conversion.ConversionPart;
import tech.flashback.connect.bench.economy.RequestEconomyPart;
import tech.flashback.connect.bench.endtoend.BackfillBenchmark;
import tech.flashback.connect.bench.freshness.FreshnessPart;
import tech.flashback.connect.bench.memory.MemoryBenchmark;
import tech.flashback.connect.bench.profile.HotPathProfilePart;
import tech.flashback.connect.bench.scale.ScalePart;
import tech.flashback.connect.bench.throughput.ThroughputPart;

/**
 * Runs the benchmarks and writes {@code docs/benchmarks.md}: {@code mvn -B -Pbench -DskipTests
 * verify} (the {@code bench} profile runs this class in a JVM of its own, after {@code package},
 * because the memory benchmark deploys the packaged plugin).
 *
 * <p>Arguments: the project's base directory. {@code -Dbench.parts=conversion,scale} runs only
 * those parts; the report then combines them with the stored sections of earlier runs.
 */
public final class BenchmarkSuite {

  private BenchmarkSuite() {}

  static Map<String, BenchmarkPart> parts() {
    Map<String, BenchmarkPart> parts = new LinkedHashMap<>();
    for (BenchmarkPart part :
        List.<BenchmarkPart>of(
            new ConversionPart(),
            new HotPathProfilePart(),
            new ThroughputPart(),
            new RequestEconomyPart(),
            new ScalePart(),
            new BackfillBenchmark(),
            new MemoryBenchmark(),
            new FreshnessPart())) {
      parts.put(part.id(), part);
    }
    return parts;
  }

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    BenchContext context =
        new BenchContext(base.resolve("target/bench"), base.resolve("docs"), Machine.current());
    SectionStore store = new SectionStore(context.workDir().resolve("sections"));
    Set<String> chosen = chosenParts();
    for (BenchmarkPart part : parts().values()) {
      if (!chosen.isEmpty() && !chosen.contains(part.id())) {
        continue;
      }
      System.out.printf("== %s ==%n", part.id());
      Instant start = Instant.now();
      Section measured = part.run(context);
      long seconds = Duration.between(start, Instant.now()).toSeconds();
      Section section =
          new Section(
              measured.id(),
              measured.order(),
              measured.title(),
              start,
              seconds,
              measured.figures(),
              measured.body());
      store.save(section);
      for (Figure figure : section.figures()) {
        System.out.printf(
            "%s | %s | %s | limit %s | %s | required %s | %s%n",
            figure.target(),
            figure.measure(),
            figure.value(),
            figure.limit(),
            figure.ratio(),
            figure.required(),
            figure.met() ? "met" : "NOT MET");
      }
    }
    Path report = context.docsDir().resolve("benchmarks.md");
    new BenchmarkReport(context.machine()).write(report, store.all());
    System.out.println("Wrote " + report);
  }

  private static Set<String> chosenParts() {
    String value = System.getProperty("bench.parts", "").trim();
    if (value.isEmpty()) {
      return Set.of();
    }
    Set<String> chosen =
        Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    Set<String> unknown =
        chosen.stream().filter(id -> !parts().containsKey(id)).collect(Collectors.toSet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "bench.parts: unknown part(s) " + unknown + "; known: " + parts().keySet());
    }
    return chosen;
  }
}
