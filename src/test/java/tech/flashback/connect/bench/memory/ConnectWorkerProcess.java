package tech.flashback.connect.bench.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A standalone Connect worker in a JVM of its own, as users run one: Kafka's {@code
 * ConnectStandalone} on the Kafka and Connect jars of the benchmark's class path (without the
 * project's own classes), the connector from the packaged plugin folder on {@code plugin.path}, a
 * fixed heap, and a GC log. Its log and console output go to files in its folder.
 */
final class ConnectWorkerProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI rest;
  private final HttpClient http = HttpClient.newHttpClient();

  private ConnectWorkerProcess(Process process, URI rest) {
    this.process = process;
    this.rest = rest;
  }

  /**
   * Starts the worker and waits until its REST API answers.
   *
   * @param dir the worker's folder: properties, offsets file, logs, GC log
   * @param projectTarget the project's {@code target} folder (its classes are left off the class
   *     path; the plugin is taken from {@code target/plugin})
   * @param workerProps worker properties on top of the ones set here
   * @param jvmOptions e.g. the heap size and the GC log
   */
  static ConnectWorkerProcess start(
      Path dir, Path projectTarget, Map<String, String> workerProps, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Path plugins = projectTarget.resolve("plugin");
    if (!Files.isDirectory(plugins.resolve("kafka-connect-flashback"))) {
      throw new IllegalStateException(
          plugins + " has no packaged plugin: run the benchmarks after `package` (verify phase)");
    }
    int port = freePort();
    Properties props = new Properties();
    props.setProperty("listeners", "http://127.0.0.1:" + port);
    props.setProperty("plugin.path", plugins.toString());
    props.setProperty("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
    props.putAll(workerProps);
    Path workerFile = dir.resolve("worker.properties");
    try (var out = Files.newBufferedWriter(workerFile)) {
      props.store(out, "written by the memory benchmark");
    }
    Path logConfig = writeLogConfig(dir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dlogback.configurationFile=" + logConfig);
    command.add("-cp");
    command.add(workerClassPath(projectTarget));
    command.add("org.apache.kafka.connect.cli.ConnectStandalone");
    command.add(workerFile.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("worker.out").toFile())
            .start();
    ConnectWorkerProcess worker =
        new ConnectWorkerProcess(process, URI.create("http://127.0.0.1:" + port));
    try {
      worker.awaitRest();
    } catch (IOException | InterruptedException | RuntimeException e) {
      worker.close();
      throw e;
    }
    return worker;
  }

  /** The benchmark's class path without the project's classes: the connector comes as a plugin. */
  static String workerClassPath(Path projectTarget) {
    Set<Path> own =
        Set.of(
            projectTarget.resolve("classes").toAbsolutePath().normalize(),
            projectTarget.resolve("test-classes").toAbsolutePath().normalize());
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .filter(entry -> !own.contains(Path.of(entry).toAbsolutePath().normalize()))
        // Kafka's test jars bring test plugins a real worker does not have.
        .filter(entry -> !entry.endsWith("-test.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Path writeLogConfig(Path dir) throws IOException {
    Path file = dir.resolve("worker-logback.xml");
    Files.writeString(
        file,
        """
        <configuration>
          <appender name="FILE" class="ch.qos.logback.core.FileAppender">
            <file>%s</file>
            <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{36} - %%msg%%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="FILE"/></root>
        </configuration>
        """
            .formatted(dir.resolve("worker.log")));
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitRest() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      requireAlive();
      try {
        if (get("/").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("the worker's REST API did not answer within " + STARTUP);
      }
      Thread.sleep(250);
    }
  }

  long pid() {
    return process.pid();
  }

  void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the worker exited with code " + process.exitValue() + "; see worker.out and worker.log");
    }
  }

  /**
   * Creates a connector ({@code POST /connectors}).
   *
   * @return whether the worker answered within {@code timeout}; the standalone herder may not
   *     answer at all although it runs the connector (see the memory section of the report)
   */
  boolean createConnector(String name, Map<String, String> config, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("config", config);
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(rest.resolve("/connectors"))
                  .header("Content-Type", "application/json")
                  .timeout(timeout)
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException noAnswer) {
      return false;
    }
    if (response.statusCode() != 201) {
      throw new IOException(
          "creating " + name + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return true;
  }

  /** {@code GET /connectors/{name}/status}. */
  JsonNode status(String name) throws IOException, InterruptedException {
    return json("/connectors/" + name + "/status");
  }

  /** {@code GET /connectors/{name}/offsets}: the committed source offsets. */
  JsonNode offsets(String name) throws IOException, InterruptedException {
    return json("/connectors/" + name + "/offsets");
  }

  private JsonNode json(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    if (response.statusCode() != 200) {
      throw new IOException(path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Stops the worker: a normal shutdown first, then a forced one. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
