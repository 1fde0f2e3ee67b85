package tech.flashback.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.ApiClientSettings;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.metrics.TaskMetrics;

/**
 * docs/operators-guide.md stays in step with the code: it names every metric a task registers and
 * every value of its tags, every example under config/ and every docker/ file, and explains every
 * warning and error message the connector writes to the log or raises to Connect, the validation
 * and offset messages included.
 */
class OperatorsGuideTest {

  private static final Path GUIDE = Path.of("docs", "operators-guide.md");
  private static final Path MAIN = Path.of("src", "main", "java");

  /** Where a message starts: the log calls and exceptions an operator sees. */
  private static final Pattern MESSAGE_CALL =
      Pattern.compile(
          "log\\.(?:warn|error)\\(|new (?:ConnectException|RetriableException|ConfigException"
              + "|ApiRequestException)\\(|\\baddError\\(");

  /** Files whose own messages reach operators (offsets written through the REST API, URLs, ...). */
  private static final Pattern OPERATOR_FACING_FILES =
      Pattern.compile(
          ".*/(offset/[A-Za-z]+|client/BaseUrlPolicy|client/TrustStoreLoader|config/StreamKind"
              + "|client/ApiAuthenticationException|client/ApiUnavailableException"
              + "|client/ResponseTooLargeException)\\.java");

  private static final Pattern THEIR_CALLS =
      Pattern.compile("new IllegalArgumentException\\(|\\bsuper\\(");
  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final int SHORTEST_FRAGMENT = 10;

  private static String guide() throws IOException {
    return Files.readString(GUIDE, StandardCharsets.UTF_8);
  }

  /** The guide with every run of white space as one space, as messages are written. */
  private static String flatGuide() throws IOException {
    return guide().replaceAll("\\s+", " ");
  }

  @Test
  void everyMetricATaskRegistersIsDocumentedWithTheValuesOfItsTags() throws IOException {
    Metrics registry = new Metrics();
    try (OkHttpFlashbackApiClient client =
            new OkHttpFlashbackApiClient(
                ApiClientSettings.builder("https://api.invalid", new Password("unused")).build(),
                Time.SYSTEM);
        TaskMetrics metrics =
            TaskMetrics.registered(
                new PluginMetricsImpl(registry, Map.of("connector", "c", "task", "0")),
                client.counters(),
                () -> 0,
                () -> 0)) {
      assertThat(metrics).isNotNull();
      TreeSet<String> names = new TreeSet<>();
      TreeSet<String> tagValues = new TreeSet<>();
      for (MetricName name : registry.metrics().keySet()) {
        if (name.group().equals("plugins")) {
          names.add(name.name());
          name.tags().entrySet().stream()
              .filter(tag -> !tag.getKey().equals("connector") && !tag.getKey().equals("task"))
              .forEach(tag -> tagValues.add(tag.getValue()));
        }
      }
      assertThat(names).hasSizeGreaterThan(5);

      String guide = guide();
      for (String name : names) {
        assertThat(guide).as("metric %s in the guide", name).contains("| `" + name + "` |");
      }
      for (String value : tagValues) {
        assertThat(guide).as("tag value %s in the guide", value).contains("`" + value + "`");
      }
    } finally {
      registry.close();
    }
  }

  @Test
  void everyConfigExampleAndDockerFileIsDocumented() throws IOException {
    String guide = guide();
    for (Path folder : List.of(Path.of("config"), Path.of("docker"))) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          if (!file.getFileName().toString().endsWith(".dockerignore")) {
            assertThat(guide).as("%s in the guide", file).contains("`" + file + "`");
          }
        }
      }
    }
  }

  @Test
  void everyWarningAndErrorMessageIsExplained() throws IOException {
    String guide = flatGuide();
    List<String> missing = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(MAIN)) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        String code = Files.readString(source, StandardCharsets.UTF_8);
        List<String> fragments = new ArrayList<>(messages(code, MESSAGE_CALL));
        if (OPERATOR_FACING_FILES.matcher(source.toString().replace('\\', '/')).matches()) {
          fragments.addAll(messages(code, THEIR_CALLS));
        }
        for (String fragment : fragments) {
          checked.add(fragment);
          if (!guide.contains(fragment)) {
            missing.add(MAIN.relativize(source) + ": " + fragment);
          }
        }
      }
    }
    assertThat(checked).hasSizeGreaterThan(40);
    assertThat(missing).as("messages the guide does not explain").isEmpty();
  }

  /**
   * The characteristic text of each message a call builds: the longest piece of its string literals
   * between placeholders and concatenated values, when it is long enough to identify it.
   */
  private static List<String> messages(String code, Pattern calls) {
    List<String> messages = new ArrayList<>();
    Matcher call = calls.matcher(code);
    while (call.find()) {
      String arguments = code.substring(call.end(), closingParenthesis(code, call.end()));
      String longest = "";
      Matcher literal = STRING_LITERAL.matcher(arguments);
      while (literal.find()) {
        String text = literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        for (String piece : text.split("\\{}")) {
          String trimmed = piece.replaceAll("^[\\s;:,.()]+|[\\s;:,.()]+$", "");
          if (trimmed.length() > longest.length()) {
            longest = trimmed;
          }
        }
      }
      if (longest.length() >= SHORTEST_FRAGMENT) {
        messages.add(longest);
      }
    }
    return messages;
  }

  /** The index of the parenthesis closing the one just before {@code from}, skipping strings. */
  private static int closingParenthesis(String code, int from) {
    int depth = 1;
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"' || c == '\'') {
        for (i++; code.charAt(i) != c; i++) {
          if (code.charAt(i) == '\\') {
            i++;
          }
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unbalanced parentheses after " + from);
  }
}
