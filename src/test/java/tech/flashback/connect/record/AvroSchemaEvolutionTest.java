package tech.flashback.connect.record;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards schema evolution for Avro users: every current key and value schema, in the Avro form an
 * Avro converter registers, must read data written with every committed version of it ({@code
 * src/test/resources/schemas/v<N>/<Name>.avsc}), which is what a registry's BACKWARD_TRANSITIVE
 * compatibility demands; and a schema whose Avro form changed must have a new version.
 */
class AvroSchemaEvolutionTest {

  private static final String REGENERATE =
      "mvn -q test-compile exec:java -Dexec.classpathScope=test"
          + " -Dexec.mainClass=tech.flashback.connect.record.AvroSchemaFiles"
          + " -Dexec.args=src/test/resources/schemas";

  static Stream<Arguments> currentSchemas() {
    return AvroSchemaFiles.CURRENT.entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void readsDataWrittenWithEveryCommittedVersion(String name, Schema schema) {
    org.apache.avro.Schema current = AvroSchemaFiles.toAvro(schema);
    List<Integer> versions = committedVersions(name);
    assertThat(versions)
        .as("committed versions of %s; a new schema needs its first one: %s", name, REGENERATE)
        .isNotEmpty();

    for (int version : versions) {
      String problems = incompatibilities(name, current, version, committed(version, name));
      assertThat(problems).withFailMessage(problems).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void changesNothingWithoutANewVersion(String name, Schema schema) {
    int version = schema.version();
    assertThat(Files.exists(AvroSchemaFiles.file(root(), version, name)))
        .withFailMessage(
            "%s is at version %d but schemas/v%d/%s.avsc is not committed; write it with: %s",
            name, version, version, name, REGENERATE)
        .isTrue();
    assertThat(AvroSchemaFiles.toAvro(schema))
        .withFailMessage(
            "The Avro form of %s differs from the committed schemas/v%d/%s.avsc but its version is"
                + " still %d. Bump its SCHEMA_VERSION and commit the new version (or, while"
                + " version %d is unreleased, rewrite it) with: %s",
            name, version, name, version, version, REGENERATE)
        .isEqualTo(committed(version, name));
  }

  /** A committed schema with no current counterpart was renamed or dropped: both break readers. */
  @Test
  void keepsEveryCommittedSchema() {
    Set<String> committedNames = new TreeSet<>();
    for (int version : allVersions()) {
      try (Stream<Path> files = Files.list(root().resolve("v" + version))) {
        files
            .map(f -> f.getFileName().toString().replaceFirst("\\.avsc$", ""))
            .forEach(committedNames::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(committedNames).isNotEmpty();
    assertThat(AvroSchemaFiles.CURRENT.keySet()).containsAll(committedNames);
  }

  /** The guard itself: an incompatible change fails, naming the schema and what broke. */
  @Test
  void reportsAnIncompatibleChangeByNameAndProblem() {
    Schema broken =
        copyOf(MinuteStatsSchemas.VALUE_SCHEMA, 2)
            .field("region", SchemaBuilder.string().doc("A new required field.").build())
            .build();

    String problems =
        incompatibilities(
            "MinuteStatsValue",
            AvroSchemaFiles.toAvro(broken),
            1,
            committed(1, "MinuteStatsValue"));

    assertThat(problems)
        .contains("MinuteStatsValue")
        .contains("version 1")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("region");
  }

  /** What a version 2 may do: add an optional field (null default), so v1 data still reads. */
  @Test
  void acceptsAnAddedOptionalField() {
    Schema evolved =
        copyOf(MinuteStatsSchemas.VALUE_SCHEMA, 2)
            .field("region", SchemaBuilder.string().optional().doc("A new optional field.").build())
            .build();

    assertThat(
            incompatibilities(
                "MinuteStatsValue",
                AvroSchemaFiles.toAvro(evolved),
                1,
                committed(1, "MinuteStatsValue")))
        .isEmpty();
  }

  /**
   * Empty when {@code reader} reads what {@code writer} wrote, else one line naming each problem.
   */
  private static String incompatibilities(
      String name,
      org.apache.avro.Schema reader,
      int writerVersion,
      org.apache.avro.Schema writer) {
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return "";
    }
    return name
        + ": the current schema cannot read data written with committed version "
        + writerVersion
        + " (schemas/v"
        + writerVersion
        + "/"
        + name
        + ".avsc): "
        + result.getResult().getIncompatibilities().stream()
            .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
            .collect(joining("; "));
  }

  private static SchemaBuilder copyOf(Schema schema, int version) {
    SchemaBuilder copy =
        SchemaBuilder.struct().name(schema.name()).version(version).doc(schema.doc());
    for (Field field : schema.fields()) {
      copy.field(field.name(), field.schema());
    }
    return copy;
  }

  private static org.apache.avro.Schema committed(int version, String name) {
    try {
      return new org.apache.avro.Schema.Parser()
          .parse(AvroSchemaFiles.file(root(), version, name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Integer> committedVersions(String name) {
    List<Integer> versions = new ArrayList<>();
    for (int version : allVersions()) {
      if (Files.exists(AvroSchemaFiles.file(root(), version, name))) {
        versions.add(version);
      }
    }
    return versions;
  }

  /** The {@code v<N>} folders under {@code schemas/} on the test class path, in order. */
  private static List<Integer> allVersions() {
    try (Stream<Path> folders = Files.list(root())) {
      List<Integer> versions =
          folders
              .map(f -> f.getFileName().toString())
              .filter(n -> n.matches("v[1-9][0-9]*"))
              .map(n -> Integer.parseInt(n.substring(1)))
              .sorted()
              .toList();
      assertThat(versions).as("committed schema versions").contains(1);
      return versions;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    try {
      return Path.of(AvroSchemaEvolutionTest.class.getResource("/schemas").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
