package tech.flashback.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine a run measured: every figure in the report is only meaningful next to it.
 *
 * @param cores processors available to the JVM
 * @param cpu the CPU model, from {@code /proc/cpuinfo} where there is one
 * @param memoryMiB physical memory, from {@code /proc/meminfo} where there is one
 * @param jvm the JVM's name, vendor and version
 * @param os the operating system and architecture
 */
public record Machine(int cores, String cpu, long memoryMiB, String jvm, String os) {

  /** This machine. */
  public static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        procValue("/proc/cpuinfo", "model name").orElse("unknown"),
        procValue("/proc/meminfo", "MemTotal")
            .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024)
            .orElse(-1L),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.runtime.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
  }

  private static Optional<String> procValue(String file, String name) {
    Path path = Path.of(file);
    if (!Files.isReadable(path)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(path)) {
      return lines
          .filter(line -> line.startsWith(name))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
