package tech.flashback.connect.bench.conversion;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import tech.flashback.connect.bench.conversion.SimulatedResponses.ResponseBody;
import tech.flashback.connect.bench.conversion.SimulatedResponses.Responses;

/**
 * Target 1's JMH benchmarks: one operation is one response body, converted by the connector ({@code
 * *Connector}) or walked by a bare Jackson pass ({@code *Jackson}). Rows per second are operations
 * per second times the body's rows ({@link SimulatedResponses}). Run by {@link ConversionPart},
 * which sets forks, iterations and JVM options.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConversionBenchmarks {

  /** The bodies and the streams, made once per fork and checked before anything is timed. */
  @State(Scope.Thread)
  public static class Input {
    Responses responses;
    StreamConversions conversions;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      responses = SimulatedResponses.get();
      conversions = new StreamConversions(responses);
      conversions.verify();
      check("minute", responses.minute());
      check("node-daily", responses.nodeDaily());
      check("bucket-totals", responses.totals());
    }

    private static void check(String stream, ResponseBody body) throws IOException {
      int walked = BareJacksonPass.countRows(body.json());
      if (walked != body.rows()) {
        throw new IllegalStateException(
            stream + ": the Jackson pass saw " + walked + " rows, not " + body.rows());
      }
    }
  }

  @Benchmark
  public void minuteConnector(Input input, Blackhole sink) {
    sink.consume(input.conversions.minute());
  }

  @Benchmark
  public void minuteJackson(Input input, Blackhole sink) throws IOException {
    sink.consume(BareJacksonPass.walk(input.responses.minute().json(), sink));
  }

  @Benchmark
  public void nodeDailyConnector(Input input, Blackhole sink) {
    sink.consume(input.conversions.nodeDaily());
  }

  @Benchmark
  public void nodeDailyJackson(Input input, Blackhole sink) throws IOException {
    sink.consume(BareJacksonPass.walk(input.responses.nodeDaily().json(), sink));
  }

  @Benchmark
  public void totalsConnector(Input input, Blackhole sink) {
    sink.consume(input.conversions.totals());
  }

  @Benchmark
  public void totalsJackson(Input input, Blackhole sink) throws IOException {
    sink.consume(BareJacksonPass.walk(input.responses.totals().json(), sink));
  }
}
