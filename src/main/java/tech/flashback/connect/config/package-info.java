/**
 * The connector's configuration: the {@link org.apache.kafka.common.config.ConfigDef} with its
 * groups, documentation and validators ({@link FlashbackSourceConnectorConfig}), the task-only keys
 * ({@link FlashbackSourceTaskConfig}), the cross-field and live checks the connector's {@code
 * validate()} runs ({@link ConfigValidation}), and the generated reference ({@link ConfigDocs}).
 *
 * <p>Other packages read configuration only through the typed getters here, never through raw
 * property names.
 */
package tech.flashback.connect.config;
