package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.it.OpsSupport.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.flashback.connect.FlashbackSourceConnector;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;

/**
 * A token the API rejects. Connect refuses to create a connector whose token the API rejects
 * (validation makes one real call), so the token is revoked the way it happens in production: the
 * API stops accepting it while the connector runs (here: the simulator is replaced, on the same
 * port, by one that accepts another token). Then the connector (bucket discovery) or its tasks
 * (explicit bucket ids) go FAILED with a status message that says the token was rejected without
 * showing it, and nobody keeps calling the API with it. Config validation over REST puts the
 * rejection, and every other bad value, on its own key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadTokenIT {

  private static final String REJECTED = "rejected the API token";

  private FlashbackConnectCluster cluster;
  private EmbeddedConnectCluster connect;
  private FlashbackSimulator api;
  private int port;

  @BeforeAll
  void startCluster() {
    // The cluster's own simulator is not used: `api` is replaced when a token is revoked.
    cluster = FlashbackConnectCluster.start(FlashbackSimulator.builder().build(), 1, Map.of());
    connect = cluster.connect();
    api = simulatorAccepting(newToken(), 0);
    port = api.port();
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String newToken() {
    return "tok-" + UUID.randomUUID();
  }

  private static FlashbackSimulator simulatorAccepting(String token, int port) {
    return FlashbackSimulator.builder().token(token).port(port).buckets(3).start();
  }

  /** The API stops accepting the current token: a new server on the same port, same data. */
  private void revokeToken() {
    api.close();
    api = simulatorAccepting(newToken(), port);
  }

  private Map<String, String> props(String... extra) {
    Map<String, String> props = cluster.connectorProps(extra);
    props.put("flashback.api.url", api.baseUrl());
    props.put("flashback.api.token", api.token());
    // Every task calls the API every second, so a revoked token shows up at once.
    props.putIfAbsent("flashback.bucket.totals.interval.ms", "1000");
    props.putIfAbsent("flashback.buckets.interval.ms", "1000");
    return props;
  }

  @Test
  void aConnectorWhoseTokenIsRejectedIsNotCreatedAndTheRefusalHidesTheToken() {
    String name = "rejected-at-creation";
    String badToken = newToken();
    Map<String, String> props = props();
    props.put("flashback.api.token", badToken);

    assertThatThrownBy(() -> connect.configureConnector(name, props))
        .isInstanceOfSatisfying(
            ConnectRestException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
        .hasMessageContaining("token rejected by the Flashback API (HTTP 401)")
        .hasMessageNotContaining(badToken);
    assertThat(connect.connectors()).doesNotContain(name);
  }

  @Test
  void aRevokedTokenFailsTheConnectorThatListsBucketsAndTheMessagesHideTheToken() throws Exception {
    String name = "revoked-discovery";
    Map<String, String> props = props("tasks.max", "2");
    String token = props.get("flashback.api.token");
    connect.configureConnector(name, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "tasks run");

    revokeToken();

    ConnectorStateInfo status =
        await(
            "connector " + name + " and its tasks FAILED",
            () -> connect.connectorStatus(name),
            s ->
                "FAILED".equals(s.connector().state())
                    && s.tasks().stream().allMatch(t -> "FAILED".equals(t.state())));
    assertThat(status.connector().trace()).contains(REJECTED).doesNotContain(token);
    for (ConnectorStateInfo.TaskState task : status.tasks()) {
      assertThat(task.trace()).contains(REJECTED).doesNotContain(token);
    }
    assertNoMoreCalls();
    connect.deleteConnector(name);
  }

  @Test
  void aRevokedTokenFailsEveryTaskOfExplicitBucketsAndTheMessagesHideTheToken() throws Exception {
    String name = "revoked-explicit-ids";
    String ids = api.dataset().buckets().stream().map(b -> b.id()).collect(Collectors.joining(","));
    Map<String, String> props = props("flashback.bucket.ids", ids, "tasks.max", "2");
    String token = props.get("flashback.api.token");
    connect.configureConnector(name, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "tasks run");

    revokeToken();

    connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(name, 2, "tasks fail");
    ConnectorStateInfo status = connect.connectorStatus(name);
    assertThat(status.connector().trace()).isNull();
    for (ConnectorStateInfo.TaskState task : status.tasks()) {
      assertThat(task.state()).isEqualTo("FAILED");
      assertThat(task.trace()).contains(REJECTED).doesNotContain(token);
    }
    assertNoMoreCalls();
    connect.deleteConnector(name);
  }

  /** A 401 is final: it is not retried, and after a grace period no request arrives any more. */
  private void assertNoMoreCalls() throws Exception {
    List<LoggedRequest> rejected = api.requests();
    assertThat(rejected).isNotEmpty().allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
    Thread.sleep(500);
    Instant settled = api.now();
    Thread.sleep(4_000); // two relist intervals and several stream intervals
    assertThat(api.requests())
        .as("requests after the failure")
        .filteredOn(r -> !r.time().isBefore(settled))
        .isEmpty();
  }

  @Test
  void validationPutsTheRejectedTokenAndEveryOtherBadValueOnItsOwnKey() throws Exception {
    String badToken = newToken();
    Map<String, String> props =
        props(
            "flashback.streams", "buckets,hourly",
            "flashback.minute.lag.ms", "-5",
            "flashback.bucket.ids", "b-1,b-2",
            "flashback.bucket.include.pattern", "sim-.*");
    props.put("flashback.api.token", badToken);

    Map<String, String> errors = errorsByKey(validate(props));

    assertThat(errors)
        .containsOnlyKeys(
            "flashback.api.token",
            "flashback.streams",
            "flashback.minute.lag.ms",
            "flashback.bucket.include.pattern");
    assertThat(errors.get("flashback.api.token"))
        .isEqualTo("token rejected by the Flashback API (HTTP 401)");
    assertThat(errors.get("flashback.streams")).contains("hourly");
    assertThat(errors.get("flashback.minute.lag.ms")).contains("-5");
    assertThat(errors.get("flashback.bucket.include.pattern")).contains("flashback.bucket.ids");
    assertThat(rawValidationResponse(props)).doesNotContain(badToken);
  }

  @Test
  void validationOfAGoodConfigHasNoErrorAndDoesNotEchoTheToken() throws Exception {
    Map<String, String> props = props();

    assertThat(errorsByKey(validate(props))).isEmpty();
    assertThat(rawValidationResponse(props)).doesNotContain(api.token());
  }

  private ConfigInfos validate(Map<String, String> props) {
    Map<String, String> named = new HashMap<>(props);
    named.put("name", "validation-only");
    return connect.validateConnectorConfig(FlashbackSourceConnector.class.getName(), named);
  }

  private static Map<String, String> errorsByKey(ConfigInfos infos) {
    Map<String, String> errors = new TreeMap<>();
    for (ConfigInfo info : infos.configs()) {
      if (!info.configValue().errors().isEmpty()) {
        errors.put(info.configValue().name(), String.join("; ", info.configValue().errors()));
      }
    }
    assertThat(infos.errorCount()).isEqualTo(errors.size());
    return errors;
  }

  /** The body of {@code PUT /connector-plugins/{class}/config/validate}, as a client sees it. */
  private String rawValidationResponse(Map<String, String> props) throws Exception {
    String url =
        connect.endpointForResource(
            "connector-plugins/" + FlashbackSourceConnector.class.getName() + "/config/validate");
    Map<String, String> body = new HashMap<>(props);
    body.put("name", "validation-only");
    try (Response response = connect.requestPut(url, new ObjectMapper().writeValueAsString(body))) {
      assertThat(response.getStatus()).isEqualTo(200);
      String text = response.getEntity().toString();
      assertThat(new ObjectMapper().readTree(text).get("configs").isArray()).isTrue();
      return text;
    }
  }
}
