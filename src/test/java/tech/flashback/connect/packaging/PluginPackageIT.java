package tech.flashback.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

/**
 * Checks what {@code mvn package} built: the plain plugin folder for {@code plugin.path} and the
 * Confluent-Hub-style zip, both with our jar and runtime dependencies only, never Kafka's own.
 */
class PluginPackageIT {

  private static final String VERSION = System.getProperty("expected.project.version");
  private static final Path PLUGIN_FOLDER = Path.of(System.getProperty("plugin.folder"));
  private static final Path HUB_FOLDER = Path.of(System.getProperty("hub.zip.folder"));
  private static final String CONNECTOR = "tech.flashback.connect.FlashbackSourceConnector";

  @Test
  void pluginFolderHoldsTheConnectorAndItsRuntimeDependenciesOnly() throws IOException {
    List<String> jars = jarNames(PLUGIN_FOLDER);

    assertThat(jars)
        .contains("kafka-connect-flashback-" + VERSION + ".jar")
        .anyMatch(name -> name.startsWith("jackson-databind-"))
        .anyMatch(name -> name.startsWith("okhttp-jvm-"));
    assertThat(jars)
        .noneMatch(name -> name.startsWith("kafka-") && !name.startsWith("kafka-connect-flashback"))
        .noneMatch(name -> name.startsWith("connect-"))
        .noneMatch(name -> name.startsWith("slf4j-"))
        .noneMatch(name -> name.contains("junit") || name.contains("mockwebserver"));
  }

  @Test
  void theConnectorIsFoundByServiceLoaderDiscoveryWithTheBuildVersion() throws Exception {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(PLUGIN_FOLDER)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    try (URLClassLoader plugin = new IsolatedPluginLoader(urls.toArray(URL[]::new))) {
      List<SourceConnector> found =
          ServiceLoader.load(SourceConnector.class, plugin).stream()
              .map(ServiceLoader.Provider::get)
              .filter(c -> c.getClass().getClassLoader() == plugin)
              .toList();
      assertThat(found)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.getClass().getName()).isEqualTo(CONNECTOR);
                assertThat(c.version()).isEqualTo(VERSION);
              });
    }
  }

  @Test
  void hubZipHasAManifestAndTheSameLibraries() throws IOException {
    Path zip;
    try (Stream<Path> files = Files.list(HUB_FOLDER)) {
      zip = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
    }
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      ZipEntry manifestEntry =
          archive.stream()
              .filter(e -> e.getName().endsWith("/manifest.json"))
              .findFirst()
              .orElseThrow();
      JsonNode manifest;
      try (InputStream in = archive.getInputStream(manifestEntry)) {
        manifest = new ObjectMapper().readTree(in);
      }
      assertThat(manifest.path("name").asText()).isEqualTo("kafka-connect-flashback");
      assertThat(manifest.path("version").asText()).isEqualTo(VERSION);
      assertThat(manifest.path("component_types").toString()).contains("source");

      List<String> libs =
          archive.stream()
              .map(ZipEntry::getName)
              .filter(n -> n.contains("/lib/") && n.endsWith(".jar"))
              .map(n -> n.substring(n.lastIndexOf('/') + 1))
              .sorted()
              .toList();
      assertThat(libs).containsExactlyElementsOf(jarNames(PLUGIN_FOLDER));
    }
  }

  /**
   * Loads the plugin's own classes from its jars first, like Connect's plugin class loader, and
   * only the Kafka API, SLF4J and the JDK from the test's class path.
   */
  private static final class IsolatedPluginLoader extends URLClassLoader {

    IsolatedPluginLoader(URL[] jars) {
      super(jars, SourceConnector.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("org.apache.kafka.") || name.startsWith("org.slf4j.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try {
            loaded = findClass(name);
          } catch (ClassNotFoundException notInPlugin) {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    @Override
    public URL getResource(String name) {
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }
  }

  private static List<String> jarNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jar"))
          .sorted()
          .toList();
    }
  }
}
