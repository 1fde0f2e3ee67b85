package tech.flashback.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void versionIsTheOneTheBuildWroteIn() {
    assertThat(Version.get())
        .isNotBlank()
        .doesNotContain("${")
        .isEqualTo(System.getProperty("expected.project.version"));
  }
}
