package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static tech.flashback.connect.config.ConfigTestSupport.TOKEN;
import static tech.flashback.connect.config.ConfigTestSupport.allMessages;
import static tech.flashback.connect.config.ConfigTestSupport.config;
import static tech.flashback.connect.config.ConfigTestSupport.props;
import static tech.flashback.connect.config.ConfigTestSupport.validateKeys;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.*;

import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tech.flashback.connect.client.ApiClientSettings;
import tech.flashback.connect.testing.LogCapture;

/** The token (and the other secrets) never appear in text the configuration produces. */
class TokenSecrecyTest {

  private static final String PROXY_SECRET = "proxy-pw-77c1e0";
  private static final String TRUSTSTORE_SECRET = "ts-pw-5d2b9f";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private static FlashbackSourceConnectorConfig configWithEverySecret() {
    return config(
        PROXY_HOST_CONFIG, "proxy.corp",
        PROXY_USERNAME_CONFIG, "svc",
        PROXY_PASSWORD_CONFIG, PROXY_SECRET,
        TRUSTSTORE_PATH_CONFIG, "/etc/ts.p12",
        TRUSTSTORE_PASSWORD_CONFIG, TRUSTSTORE_SECRET);
  }

  @Test
  void noToStringOfTheConfigOrTheClientSettingsShowsASecret() {
    FlashbackSourceConnectorConfig config = configWithEverySecret();
    ApiClientSettings settings = config.apiClientSettings();
    for (String text :
        new String[] {
          config.toString(),
          config.values().toString(),
          settings.toString(),
          settings.proxy().toString(),
          settings.trustStore().toString()
        }) {
      assertThat(text)
          .doesNotContain(TOKEN)
          .doesNotContain(PROXY_SECRET)
          .doesNotContain(TRUSTSTORE_SECRET);
    }
  }

  @Test
  void theConfigLogsItsValuesWithoutSecrets() {
    configWithEverySecret();
    assertThat(logs.text())
        .contains(API_TOKEN_CONFIG)
        .doesNotContain(TOKEN)
        .doesNotContain(PROXY_SECRET)
        .doesNotContain(TRUSTSTORE_SECRET);
  }

  @Test
  void aBadTokenIsShownAsHiddenInTheConfigException() {
    Throwable thrown = catchThrowable(() -> config(API_TOKEN_CONFIG, "  "));
    assertThat(thrown).hasMessageContaining(API_TOKEN_CONFIG).hasMessageContaining("[hidden]");
  }

  @Test
  void noValidationMessageShowsTheTokenEvenWhenEveryRuleFires() {
    Map<String, String> props =
        props(
            API_URL_CONFIG,
            "http://" + TOKEN + ".example.com",
            PROXY_USERNAME_CONFIG,
            TOKEN,
            TRUSTSTORE_PATH_CONFIG,
            "/nonexistent/" + TOKEN,
            BUCKET_IDS_CONFIG,
            "a",
            WORKSPACE_ID_CONFIG,
            TOKEN,
            MINUTE_TOPIC_CONFIG,
            "flashback.buckets");
    Config config = ConfigValidation.withoutLiveCheck().validate(props, validateKeys(props));
    assertThat(allMessages(config)).hasSizeGreaterThanOrEqualTo(5);
    assertThat(allMessages(config)).noneMatch(message -> message.contains(TOKEN));
  }

  @Test
  void theGeneratedDocsNeverShowASecretDefault() {
    assertThat(ConfigDocs.render()).doesNotContain(TOKEN).doesNotContain("[hidden]");
  }
}
