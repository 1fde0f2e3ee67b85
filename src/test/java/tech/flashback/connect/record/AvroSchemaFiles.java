package tech.flashback.connect.record;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.SchemaFormatter;
import org.apache.kafka.connect.data.Schema;

/**
 * The Avro form of every key and value schema, as an Avro converter (Confluent's logic, here
 * Apicurio's port of it with its default settings) registers it, and the committed copies of it.
 *
 * <p>Run as a program to write each current schema to {@code <root>/v<version>/<Name>.avsc},
 * replacing only the file of the schema's current version:
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=tech.flashback.connect.record.AvroSchemaFiles \
 *   -Dexec.args=src/test/resources/schemas
 * </pre>
 */
public final class AvroSchemaFiles {

  /** Every key and value schema by simple name (the Avro record name), the error topic's too. */
  static final Map<String, Schema> CURRENT = current();

  private AvroSchemaFiles() {}

  private static Map<String, Schema> current() {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (Schema schema :
        new Schema[] {
          BucketCatalogSchemas.KEY_SCHEMA,
          BucketCatalogSchemas.VALUE_SCHEMA,
          BucketTotalsSchemas.KEY_SCHEMA,
          BucketTotalsSchemas.VALUE_SCHEMA,
          NodeDailySchemas.KEY_SCHEMA,
          NodeDailySchemas.VALUE_SCHEMA,
          MinuteStatsSchemas.KEY_SCHEMA,
          MinuteStatsSchemas.VALUE_SCHEMA,
          MalformedRowSchemas.KEY_SCHEMA,
          MalformedRowSchemas.VALUE_SCHEMA
        }) {
      schemas.put(simpleName(schema), schema);
    }
    return Collections.unmodifiableMap(schemas);
  }

  /** {@code MinuteStatsValue} for {@code tech.flashback.connect.MinuteStatsValue}. */
  static String simpleName(Schema schema) {
    return schema.name().substring(schema.name().lastIndexOf('.') + 1);
  }

  /** The Avro schema an Avro converter with default settings makes of a Connect schema. */
  static org.apache.avro.Schema toAvro(Schema schema) {
    return new AvroData(new AvroDataConfig(Map.of())).fromConnectSchema(schema);
  }

  /** The committed file of one schema at one version: {@code v<version>/<name>.avsc}. */
  static Path file(Path root, int version, String name) {
    return root.resolve("v" + version).resolve(name + ".avsc");
  }

  /**
   * Writes every current schema to the file of its current version under {@code args[0]}.
   *
   * @param args the root folder of the committed schemas
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: AvroSchemaFiles <root folder of the schemas>");
    }
    Path root = Path.of(args[0]);
    for (Map.Entry<String, Schema> entry : CURRENT.entrySet()) {
      Path file = file(root, entry.getValue().version(), entry.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          SchemaFormatter.format("json/pretty", toAvro(entry.getValue())) + "\n",
          StandardCharsets.UTF_8);
      System.out.println("wrote " + file);
    }
  }
}
