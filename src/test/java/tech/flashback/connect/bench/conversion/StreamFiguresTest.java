package tech.flashback.connect.bench.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tech.flashback.connect.bench.Figure;
import tech.flashback.connect.bench.conversion.SimulatedResponses.ResponseBody;

class StreamFiguresTest {

  private static final ResponseBody BODY = new ResponseBody(new byte[1000], 100);

  /** Figures for a connector and a bare pass at the given rows per second. */
  private static StreamFigures figures(double connectorRows, double jacksonRows) {
    return new StreamFigures(
        "minute",
        BODY,
        new Score(connectorRows / 100, 0.5, 100_000),
        new Score(jacksonRows / 100, Double.NaN, 1_000));
  }

  @Test
  void targetIsMetOnlyWhenBothTheRateAndTheRatioAreReached() {
    assertThat(figures(1_200_000, 2_000_000).met()).isTrue();
    assertThat(figures(900_000, 1_500_000).met()).isFalse(); // ratio 60%, rate too low
    assertThat(figures(1_500_000, 4_000_000).met()).isFalse(); // rate fine, ratio 38%
  }

  @Test
  void figureShowsTheRateWithItsErrorNextToTheLimitAndTheRatio() {
    Figure figure = figures(1_200_000, 2_000_000).figure();

    assertThat(figure.target()).isEqualTo("1. Conversion: minute rows");
    assertThat(figure.value()).isEqualTo("1.20M rows/s ± 50");
    assertThat(figure.limit()).isEqualTo("bare Jackson pass: 2.00M rows/s");
    assertThat(figure.ratio()).isEqualTo("60%");
    assertThat(StreamFigures.perRow(figures(1, 1).connector(), 100)).isEqualTo("1,000 B");
  }
}
