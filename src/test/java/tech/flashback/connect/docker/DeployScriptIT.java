package tech.flashback.connect.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.it.FlashbackConnectCluster;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.testing.ConfigFiles;

/**
 * docker/deploy-connector.sh (bash and curl) against a real Connect worker: it deploys the docker
 * stack's connector config, adapted to this cluster in the three keys the stack provides (API URL,
 * token file, converters: no Schema Registry here), waits until it runs, updates it in place when
 * run again, and stops at validation, with the worker's message, when the token is rejected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployScriptIT {

  private static final Path SCRIPT = Path.of("docker", "deploy-connector.sh");
  private static final Path EXAMPLE = Path.of("config", "flashback-source-simulator.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(DeployScriptIT.class);

  private final String token = "deploy-" + UUID.randomUUID();
  private FlashbackConnectCluster cluster;
  private EmbeddedConnectCluster connect;
  private Path dir;

  @BeforeAll
  void startCluster(@TempDir Path dir) {
    this.dir = dir;
    FlashbackSimulator simulator =
        FlashbackSimulator.builder().token(token).buckets(3).lateFraction(0).build();
    cluster =
        FlashbackConnectCluster.start(
            simulator,
            1,
            Map.of(
                "config.providers", "file",
                "config.providers.file.class", FileConfigProvider.class.getName(),
                "config.providers.file.param.allowed.paths", dir.toString()));
    connect = cluster.connect();
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void deploysTheStacksConnectorConfigWaitsUntilItRunsAndUpdatesItWhenRunAgain() throws Exception {
    Path config = adapted("deployed", token);
    String name = ConfigFiles.load(config).get("name");

    Run first = deploy(config);

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.stdout())
        .contains("Created connector " + name)
        .contains("Connector " + name + " is RUNNING with 2 task(s)");
    ConnectorStateInfo status = connect.connectorStatus(name);
    assertThat(status.connector().state()).isEqualTo("RUNNING");
    assertThat(status.tasks()).hasSize(2).allMatch(t -> t.state().equals("RUNNING"));
    assertThat(cluster.readAll(Duration.ofSeconds(60), "flashback.minute")).isNotEmpty();

    Run again = deploy(config);

    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.stdout()).contains("Updated connector " + name);
    connect.deleteConnector(name);
  }

  @Test
  void aRejectedTokenStopsTheDeployAtValidationWithTheWorkersMessage() throws Exception {
    Path config = adapted("rejected", "not-" + token);

    Run run = deploy(config);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.stderr())
        .contains("The worker rejected the configuration:")
        .contains("flashback.api.token: \"token rejected by the Flashback API (HTTP 401)\"");
    assertThat(connect.connectors()).doesNotContain("flashback-simulator");
  }

  @Test
  void aWorkerWithoutThePluginIsNamedAsTheProblem() throws Exception {
    Path config = adapted("no-plugin", token);
    Map<String, String> props = ConfigFiles.load(config);
    props.put("connector.class", "tech.flashback.connect.NoSuchConnector");
    JSON.writerWithDefaultPrettyPrinter().writeValue(config.toFile(), props);

    Run run = deploy(config);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.stderr())
        .contains("the worker has no plugin tech.flashback.connect.NoSuchConnector")
        .contains("mvn -DskipTests package");
  }

  /**
   * The stack's config with what the stack itself provides replaced: the simulator's URL, the token
   * through a file provider reference, and JSON converters (no Schema Registry in this test).
   */
  private Path adapted(String label, String tokenValue) throws Exception {
    Path tokenFile = dir.resolve(label + "-token.properties");
    Files.writeString(tokenFile, "token=" + tokenValue + "\n");
    Map<String, String> props = ConfigFiles.load(EXAMPLE);
    props.put("flashback.api.url", cluster.simulator().baseUrl());
    props.put("flashback.api.token", "${file:" + tokenFile + ":token}");
    props.keySet().removeIf(key -> key.endsWith("schema.registry.url"));
    props.put("key.converter", JsonConverter.class.getName());
    props.put("value.converter", JsonConverter.class.getName());
    props.put("flashback.minute.backfill.start", "PT30M");
    Path config = dir.resolve(label + ".json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(config.toFile(), props);
    return config;
  }

  private Run deploy(Path config) throws Exception {
    String url = connect.endpointForResource("").replaceAll("/+$", "");
    ProcessBuilder builder =
        new ProcessBuilder(List.of("bash", SCRIPT.toString(), config.toString(), url));
    builder.environment().put("DEPLOY_TIMEOUT_SECONDS", "120");
    Path stdout = dir.resolve("deploy.out");
    Path stderr = dir.resolve("deploy.err");
    builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the script ends").isTrue();
    Run run =
        new Run(
            process.exitValue(),
            Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
    log.info(
        "{} {} exited with {}:\n{}", SCRIPT, config.getFileName(), run.exitCode(), run.output());
    return run;
  }

  private record Run(int exitCode, String stdout, String stderr) {
    String output() {
      return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }
}
