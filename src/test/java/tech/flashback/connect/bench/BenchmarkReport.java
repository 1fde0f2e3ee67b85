package tech.flashback.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes {@code docs/benchmarks.md} from the sections of a run. */
public final class BenchmarkReport {

  static final String COMMAND = "mvn -B -Pbench -DskipTests verify";

  private final Machine machine;

  public BenchmarkReport(Machine machine) {
    this.machine = machine;
  }

  public void write(Path file, List<Section> sections) throws IOException {
    Files.writeString(file, markdown(sections));
  }

  String markdown(List<Section> sections) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append("Written by `")
        .append(COMMAND)
        .append("` (about half an hour; `-Dbench.parts=id,..` runs some parts and keeps the")
        .append(" other sections of the last run). Do not edit by hand: the text of each section")
        .append(" lives in its benchmark class under `src/test/java/tech/flashback/connect/bench`.")
        .append(" Every figure stands next to a limit measured on the same machine in the same")
        .append(" run, so the ratios, not the absolute numbers, are what carries to other")
        .append(" machines.\n\n");
    md.append("## Machine\n\n")
        .append("| | |\n|---|---|\n")
        .append("| cores | ")
        .append(machine.cores())
        .append(" |\n| CPU | ")
        .append(machine.cpu())
        .append(" |\n| memory | ")
        .append(machine.memoryMiB())
        .append(" MiB |\n| JVM | ")
        .append(machine.jvm())
        .append(" |\n| OS | ")
        .append(machine.os())
        .append(" |\n\n");
    md.append("## Summary\n\n")
        .append("| target | measure | figure | limit (same run) | ratio | required | met |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (Section section : sections) {
      for (Figure figure : section.figures()) {
        md.append("| ")
            .append(
                String.join(
                    " | ",
                    figure.target(),
                    figure.measure(),
                    figure.value(),
                    figure.limit(),
                    figure.ratio(),
                    figure.required(),
                    figure.met() ? "yes" : "**no**"))
            .append(" |\n");
      }
    }
    md.append('\n');
    for (Section section : sections) {
      md.append("## ")
          .append(section.title())
          .append("\n\n")
          .append("_Measured ")
          .append(section.measuredAt())
          .append(", ")
          .append(section.seconds())
          .append(" s._\n\n")
          .append(section.body().strip())
          .append("\n\n");
    }
    return md.toString();
  }
}
