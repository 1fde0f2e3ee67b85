package tech.flashback.connect.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps each part's section as JSON under {@code target/bench/sections}, so a run of some parts
 * ({@code -Dbench.parts=..}) can be combined with the sections of earlier runs into one report.
 */
public final class SectionStore {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(
              new SimpleModule()
                  .addSerializer(Instant.class, ToStringSerializer.instance)
                  .addDeserializer(Instant.class, new InstantDeserializer()))
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private final Path folder;

  public SectionStore(Path folder) {
    this.folder = folder;
  }

  public void save(Section section) throws IOException {
    Files.createDirectories(folder);
    JSON.writeValue(folder.resolve(section.id() + ".json").toFile(), section);
  }

  /** Every stored section, in report order. */
  public List<Section> all() throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Section> sections = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        sections.add(JSON.readValue(file.toFile(), Section.class));
      }
    }
    sections.sort(Comparator.comparingInt(Section::order));
    return sections;
  }

  private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      return Instant.parse(parser.getValueAsString());
    }
  }
}
