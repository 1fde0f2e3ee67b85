package tech.flashback.connect.it;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.exception.ArtifactAlreadyExistsException;
import io.apicurio.registry.rest.client.exception.ContentNotFoundException;
import io.apicurio.registry.rest.v2.beans.ArtifactMetaData;
import io.apicurio.registry.rest.v2.beans.IfExists;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A schema registry in memory, one per JVM, for Apicurio's Avro serializer and deserializer: they
 * reach it through Apicurio's own {@link RegistryClient} interface, exactly where they would reach
 * a registry over HTTP, so the converters' real resolver logic (artifact naming, auto-registration,
 * id lookup) runs unchanged. The workers of an embedded cluster and the test share it because they
 * share the JVM and the application class loader.
 *
 * <p>An artifact is a subject ({@code <topic>-key}, {@code <topic>-value} with Apicurio's default
 * topic strategy). Each distinct schema text gets one content id, which is the schema id in
 * Confluent's wire format when {@code apicurio.registry.use-id=contentId}; each new version of an
 * artifact gets a global id. Only the client calls the serdes make are implemented; any other fails
 * loudly with {@link UnsupportedOperationException} naming it.
 */
public final class InMemorySchemaRegistry {

  private static final InMemorySchemaRegistry SHARED = new InMemorySchemaRegistry();
  private static final String DEFAULT_GROUP = "default";

  /** One version of one artifact. */
  public record RegisteredSchema(
      String groupId,
      String artifactId,
      int version,
      long globalId,
      long contentId,
      String artifactType,
      String content) {}

  private final Map<String, List<RegisteredSchema>> artifacts = new LinkedHashMap<>();
  private final Map<Long, String> contentById = new HashMap<>();
  private final Map<String, Long> contentIdByContent = new HashMap<>();
  private final RegistryClient client =
      (RegistryClient)
          Proxy.newProxyInstance(
              RegistryClient.class.getClassLoader(),
              new Class<?>[] {RegistryClient.class},
              this::invoke);
  private long lastGlobalId;
  private long lastContentId;

  private InMemorySchemaRegistry() {}

  /** The registry every in-memory-bound serde of this JVM uses. */
  public static InMemorySchemaRegistry shared() {
    return SHARED;
  }

  /** Apicurio's client interface, answered from memory. */
  public RegistryClient client() {
    return client;
  }

  /** Every version of every artifact whose id is {@code artifactId}, oldest first. */
  public synchronized List<RegisteredSchema> versions(String artifactId) {
    return artifacts.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/" + artifactId))
        .flatMap(e -> e.getValue().stream())
        .toList();
  }

  /** Ids of every artifact registered so far. */
  public synchronized List<String> artifactIds() {
    return artifacts.values().stream().map(v -> v.get(0).artifactId()).toList();
  }

  /** Forgets every artifact and schema; ids keep growing, so stale ids never match. */
  public synchronized void clear() {
    artifacts.clear();
    contentById.clear();
    contentIdByContent.clear();
  }

  private synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    return switch (method.getName()) {
      case "createArtifact" -> create(args);
      case "getContentById" -> stream(content((Long) args[0]));
      case "getArtifactReferencesByContentId" -> List.of();
      case "close" -> null;
      case "toString" -> "InMemorySchemaRegistry client";
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      default ->
          throw new UnsupportedOperationException(
              "The in-memory registry does not implement " + method);
    };
  }

  /** createArtifact(groupId, artifactId, version, artifactType, ifExists, canonical, ..., data). */
  private ArtifactMetaData create(Object[] args) {
    String groupId = group(args[0]);
    String artifactId = (String) args[1];
    String artifactType = args[3] == null ? "AVRO" : (String) args[3];
    IfExists ifExists = args[4] == null ? IfExists.FAIL : (IfExists) args[4];
    String content = read(inputStream(args));
    List<RegisteredSchema> versions = artifacts.get(key(groupId, artifactId));
    if (versions != null) {
      switch (ifExists) {
        case FAIL ->
            throw new ArtifactAlreadyExistsException(
                error(409, "Artifact " + key(groupId, artifactId) + " already exists"));
        case RETURN -> {
          return artifactMetaData(versions.get(versions.size() - 1));
        }
        case RETURN_OR_UPDATE -> {
          Optional<RegisteredSchema> same =
              versions.stream().filter(v -> v.content().equals(content)).findFirst();
          if (same.isPresent()) {
            return artifactMetaData(same.get());
          }
        }
        case UPDATE -> {
          // a new version below
        }
      }
    }
    return artifactMetaData(addVersion(groupId, artifactId, artifactType, content));
  }

  private RegisteredSchema addVersion(
      String groupId, String artifactId, String artifactType, String content) {
    long contentId =
        contentIdByContent.computeIfAbsent(
            content,
            c -> {
              long id = ++lastContentId;
              contentById.put(id, c);
              return id;
            });
    List<RegisteredSchema> versions =
        artifacts.computeIfAbsent(key(groupId, artifactId), k -> new ArrayList<>());
    RegisteredSchema registered =
        new RegisteredSchema(
            groupId,
            artifactId,
            versions.size() + 1,
            ++lastGlobalId,
            contentId,
            artifactType,
            content);
    versions.add(registered);
    return registered;
  }

  private String content(long contentId) {
    String content = contentById.get(contentId);
    if (content == null) {
      throw new ContentNotFoundException(error(404, "No content with id " + contentId));
    }
    return content;
  }

  private static ArtifactMetaData artifactMetaData(RegisteredSchema registered) {
    ArtifactMetaData metaData = new ArtifactMetaData();
    metaData.setGroupId(registered.groupId());
    metaData.setId(registered.artifactId());
    metaData.setVersion(Integer.toString(registered.version()));
    metaData.setGlobalId(registered.globalId());
    metaData.setContentId(registered.contentId());
    metaData.setType(registered.artifactType());
    return metaData;
  }

  private static String group(Object groupId) {
    return groupId == null ? DEFAULT_GROUP : (String) groupId;
  }

  private static String key(String groupId, String artifactId) {
    return groupId + "/" + artifactId;
  }

  private static InputStream inputStream(Object[] args) {
    return Arrays.stream(args)
        .filter(InputStream.class::isInstance)
        .map(InputStream.class::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no content stream among the arguments"));
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  private static io.apicurio.registry.rest.v2.beans.Error error(int code, String message) {
    var error = new io.apicurio.registry.rest.v2.beans.Error();
    error.setErrorCode(code);
    error.setMessage(message);
    return error;
  }
}
