package tech.flashback.connect.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.flashback.connect.testing.ConfigFiles;

/**
 * Validates the docker/ stacks without a Docker engine: every compose file passes {@code
 * docker-compose config -q}, and everything the stacks use exists. Build contexts, Dockerfiles and
 * what they copy, bind-mounted scripts and configs, the files a service's command names inside its
 * mounts; the connector plugin mount is the folder {@code mvn package} built (this runs after
 * package); the secret file of the real-API stack is the operator's, in a folder git ignores; and
 * each connector config a stack deploys finds its secrets, its registry and its API in that stack.
 *
 * <p>Fails, never skips, without Docker Compose: Debian's is {@code apt-get install -y
 * --no-install-recommends docker-compose} (no engine), which {@code .ci/run} does.
 */
class ComposeFilesIT {

  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final Path DOCKER = REPO.resolve("docker");
  private static final Path PLUGIN_FOLDER = Path.of(System.getProperty("plugin.folder"));
  private static final String VERSION = System.getProperty("expected.project.version");
  private static final Path SECRETS = DOCKER.resolve("secrets");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern REFERENCE = ConfigFiles.PROVIDER_REFERENCE;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Stream<Path> composeFiles() throws IOException {
    try (Stream<Path> files = Files.walk(DOCKER)) {
      List<Path> found =
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList();
      return found.stream();
    }
  }

  /** The compose files that deploy a connector: the runnable stacks. */
  static Stream<Path> stacks() throws IOException {
    List<Path> stacks = new ArrayList<>();
    for (Path file : composeFiles().toList()) {
      if (YAML.readTree(file.toFile()).path("services").has("deploy")) {
        stacks.add(file);
      }
    }
    return stacks.stream();
  }

  @Test
  void theStacksAreThere() throws IOException {
    assertThat(composeFiles().map(f -> DOCKER.relativize(f).toString()))
        .containsExactlyInAnyOrder("common.yaml", "compose.yaml", "compose.real-api.yaml");
    assertThat(stacks().map(f -> DOCKER.relativize(f).toString()))
        .containsExactlyInAnyOrder("compose.yaml", "compose.real-api.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("composeFiles")
  void everyComposeFileIsValid(Path file) throws Exception {
    Result result = compose(file, "config", "-q");

    assertThat(result.exitCode())
        .as("docker-compose -f %s config -q:%n%s", REPO.relativize(file), result.output())
        .isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("composeFiles")
  void everythingAServiceUsesExists(Path file) throws Exception {
    JsonNode config = resolved(file);
    for (Map.Entry<String, JsonNode> service : config.path("services").properties()) {
      String where = REPO.relativize(file) + ", service " + service.getKey();
      JsonNode build = service.getValue().path("build");
      if (!build.isMissingNode()) {
        checkBuild(build, where);
      }
      for (Mount mount : mounts(service.getValue())) {
        checkMountSource(mount, where);
      }
      for (String path : containerPaths(service.getValue())) {
        Path host =
            hostPath(service.getValue(), path)
                .orElseThrow(
                    () -> new AssertionError(where + ": " + path + " is in no bind mount"));
        assertThat(host).as("%s: %s (from %s)", where, host, path).exists();
      }
    }
    for (Map.Entry<String, JsonNode> secret : config.path("secrets").properties()) {
      Path secretFile = Path.of(secret.getValue().path("file").asText());
      assertThat(secretFile)
          .as(
              "%s: secret %s is the operator's file, kept in docker/secrets/",
              file, secret.getKey())
          .startsWithRaw(SECRETS);
      assertThat(Files.readAllLines(REPO.resolve(".gitignore"))).contains("/docker/secrets/");
    }
  }

  /**
   * The deploy service of a stack names a connector config; the stack's worker must resolve its
   * secret references (declared provider, allowed variable or a secret mounted in an allowed path)
   * and reach its Schema Registry, its API and the worker's REST API by service name.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("stacks")
  void theConnectorConfigAStackDeploysFindsWhatItNeedsInThatStack(Path file) throws Exception {
    JsonNode services = resolved(file).path("services");
    JsonNode deploy = services.path("deploy");
    JsonNode connect = services.path("connect");
    List<String> args = strings(deploy.path("command"));
    assertThat(args).as("%s: deploy's arguments: config file and Connect URL", file).hasSize(2);
    assertThat(serviceOf(args.get(1))).isEqualTo("connect");
    Path connectorConfig = hostPath(deploy, args.get(0)).orElseThrow();
    assertThat(connectorConfig.getParent()).isEqualTo(REPO.resolve("config"));
    Map<String, String> props = ConfigFiles.load(connectorConfig);
    Map<String, String> env = environment(connect);
    String where = REPO.relativize(file) + " deploying " + REPO.relativize(connectorConfig);

    for (Map.Entry<String, String> entry : props.entrySet()) {
      Matcher reference = REFERENCE.matcher(entry.getValue());
      while (reference.find()) {
        String provider = reference.group(1);
        String what = where + ": " + entry.getKey();
        assertThat(env.get("CONNECT_CONFIG_PROVIDERS").split(",")).as(what).contains(provider);
        String param = "CONNECT_CONFIG_PROVIDERS_" + provider.toUpperCase(Locale.ROOT) + "_PARAM_";
        if (provider.equals("env")) {
          String variable = reference.group(3);
          assertThat(variable).as(what).matches(env.get(param + "ALLOWLIST_PATTERN"));
          assertThat(env).as(what).containsKey(variable);
        } else {
          assertThat(provider).as(what).isEqualTo("file");
          Path secret = Path.of(reference.group(2));
          assertThat(secret).as(what).startsWithRaw(Path.of(env.get(param + "ALLOWED_PATHS")));
          assertThat(secretTargets(connect)).as(what).contains(secret);
        }
      }
    }
    for (String key :
        List.of("key.converter.schema.registry.url", "value.converter.schema.registry.url")) {
      assertThat(services.has(serviceOf(props.get(key)))).as("%s: %s", where, key).isTrue();
    }
    String apiHost = serviceOf(props.get("flashback.api.url"));
    assertThat(services.has(apiHost) || apiHost.equals("backend.flashback.tech"))
        .as("%s: the API %s is a service of the stack or the real API", where, apiHost)
        .isTrue();
  }

  private static void checkBuild(JsonNode build, String where) throws IOException {
    Path context = Path.of(build.isTextual() ? build.asText() : build.path("context").asText());
    assertThat(context).as("%s: build context", where).isDirectory();
    Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
    assertThat(dockerfile).as("%s: Dockerfile", where).isRegularFile();
    Path ignore = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
    List<String> ignored = Files.exists(ignore) ? Files.readAllLines(ignore) : List.of();
    boolean allIgnored = ignored.stream().anyMatch(line -> line.strip().equals("*"));
    for (String source : copySources(dockerfile)) {
      assertThat(context.resolve(source))
          .as("%s: %s copies %s from its build context", where, dockerfile.getFileName(), source)
          .exists();
      if (allIgnored) {
        assertThat(ignored)
            .as("%s: %s lets %s into the build context", where, ignore.getFileName(), source)
            .containsAnyOf("!" + source, "!" + source + "/");
      }
    }
  }

  /** The sources of the COPY and ADD instructions that read the build context. */
  private static List<String> copySources(Path dockerfile) throws IOException {
    List<String> sources = new ArrayList<>();
    for (String line : Files.readAllLines(dockerfile)) {
      List<String> words = List.of(line.strip().split("\\s+"));
      if (!words.isEmpty()
          && (words.get(0).equalsIgnoreCase("COPY") || words.get(0).equalsIgnoreCase("ADD"))
          && words.stream().noneMatch(w -> w.startsWith("--from"))) {
        List<String> paths = words.stream().skip(1).filter(w -> !w.startsWith("--")).toList();
        sources.addAll(paths.subList(0, paths.size() - 1));
      }
    }
    return sources;
  }

  /**
   * A bind mount's source exists; the one from target/ is the plugin folder {@code mvn package}
   * builds, mounted into a folder on the worker's plugin path.
   */
  private static void checkMountSource(Mount mount, String where) {
    if (mount.source().startsWith(REPO.resolve("target"))) {
      assertThat(mount.source()).as("%s: the plugin mount", where).isEqualTo(PLUGIN_FOLDER);
      assertThat(mount.source().resolve("kafka-connect-flashback-" + VERSION + ".jar"))
          .as("%s: the connector jar in the plugin folder (mvn package)", where)
          .isRegularFile();
      return;
    }
    assertThat(mount.source()).as("%s: bind mount source", where).exists();
  }

  @Test
  void theWorkerFindsThePluginItMounts() throws Exception {
    JsonNode connect = resolved(DOCKER.resolve("common.yaml")).path("services").path("connect");
    Mount plugin =
        mounts(connect).stream()
            .filter(m -> m.source().equals(PLUGIN_FOLDER))
            .findFirst()
            .orElseThrow(() -> new AssertionError("connect mounts no " + PLUGIN_FOLDER));
    assertThat(environment(connect).get("CONNECT_PLUGIN_PATH").split(","))
        .contains(Path.of(plugin.target()).getParent().toString());
  }

  private static List<Mount> mounts(JsonNode service) {
    List<Mount> mounts = new ArrayList<>();
    for (JsonNode volume : service.path("volumes")) {
      if (volume.isTextual()) {
        String[] parts = volume.asText().split(":");
        if (parts.length >= 2 && parts[0].startsWith("/")) {
          mounts.add(new Mount(Path.of(parts[0]), parts[1]));
        }
      } else if (volume.path("type").asText().equals("bind")) {
        mounts.add(
            new Mount(Path.of(volume.path("source").asText()), volume.path("target").asText()));
      }
    }
    return mounts;
  }

  /** The files a service's entrypoint and command name in the container (absolute, with a dot). */
  private static List<String> containerPaths(JsonNode service) {
    List<String> paths = new ArrayList<>();
    for (String field : List.of("entrypoint", "command")) {
      for (String arg : strings(service.path(field))) {
        if (arg.startsWith("/") && arg.substring(arg.lastIndexOf('/')).contains(".")) {
          paths.add(arg);
        }
      }
    }
    return paths;
  }

  /** Where a container path of a service comes from on the host, through its bind mounts. */
  private static Optional<Path> hostPath(JsonNode service, String containerPath) {
    for (Mount mount : mounts(service)) {
      if (containerPath.equals(mount.target())) {
        return Optional.of(mount.source());
      }
      if (containerPath.startsWith(mount.target() + "/")) {
        return Optional.of(
            mount.source().resolve(containerPath.substring(mount.target().length() + 1)));
      }
    }
    return Optional.empty();
  }

  /** Where the service's secrets appear in its container. */
  private static List<Path> secretTargets(JsonNode service) {
    List<Path> targets = new ArrayList<>();
    for (JsonNode secret : service.path("secrets")) {
      String target =
          secret.isTextual()
              ? secret.asText()
              : secret.path("target").asText(secret.path("source").asText());
      targets.add(Path.of("/run/secrets").resolve(target));
    }
    return targets;
  }

  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode environment = service.path("environment");
    if (environment.isArray()) {
      for (JsonNode entry : environment) {
        String[] pair = entry.asText().split("=", 2);
        env.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
    } else {
      environment.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    return env;
  }

  private static List<String> strings(JsonNode node) {
    List<String> strings = new ArrayList<>();
    if (node.isTextual()) {
      strings.addAll(List.of(node.asText().split("\\s+")));
    } else {
      node.forEach(n -> strings.add(n.asText()));
    }
    return strings;
  }

  private static String serviceOf(String url) {
    return URI.create(url).getHost();
  }

  /** The configuration as Compose resolves it: paths absolute, variables and extends applied. */
  private static JsonNode resolved(Path file) throws Exception {
    Result result = compose(file, "config");
    assertThat(result.exitCode()).as("docker-compose config: %s", result.output()).isZero();
    return YAML.readTree(result.stdout());
  }

  /**
   * Runs Docker Compose on a file: {@code docker-compose} (Debian's, v1) or else {@code docker
   * compose} (v2), with the variables the compose files read unset, so their defaults count.
   */
  private static Result compose(Path file, String... args) throws Exception {
    List<String> command = new ArrayList<>(composeCommand());
    command.addAll(List.of("-f", file.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile());
    for (Path composeFile : composeFiles().toList()) {
      Matcher variable = VARIABLE.matcher(Files.readString(composeFile));
      while (variable.find()) {
        builder.environment().remove(variable.group(1));
      }
    }
    builder.environment().remove("COMPOSE_FILE");
    builder.environment().remove("COMPOSE_PROFILES");
    Path stderr = Files.createTempFile("compose", ".err");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within 2 minutes");
    }
    String errors = Files.readString(stderr);
    Files.delete(stderr);
    return new Result(process.exitValue(), stdout, errors);
  }

  private static List<String> composeCommand() throws Exception {
    if (onPath("docker-compose")) {
      return List.of("docker-compose");
    }
    if (onPath("docker")) {
      Process v2 =
          new ProcessBuilder("docker", "compose", "version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (v2.waitFor(30, TimeUnit.SECONDS) && v2.exitValue() == 0) {
        return List.of("docker", "compose");
      }
    }
    return fail(
        "Docker Compose is not installed, so the docker/ compose files cannot be validated. On"
            + " Debian or Ubuntu: apt-get install -y --no-install-recommends docker-compose (no"
            + " Docker engine needed; .ci/run installs it when it runs as root); elsewhere install"
            + " Docker Compose v2 (`docker compose`).");
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private record Mount(Path source, String target) {}

  private record Result(int exitCode, String stdout, String stderr) {
    String output() {
      return stdout + stderr;
    }
  }
}
