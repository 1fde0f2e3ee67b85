/**
 * A deterministic fake of the Flashback statistics API for integration tests, the demo, the docker
 * stack and benchmarks.
 *
 * <pre>{@code
 * MockTime time = new MockTime(0, Instant.parse("2024-02-01T12:00:30Z").toEpochMilli(), 0);
 * try (FlashbackSimulator sim = FlashbackSimulator.builder().time(time).buckets(20).start()) {
 *   String url = sim.baseUrl();                       // http://127.0.0.1:<port>, token sim-token
 *   SyntheticDataset data = sim.dataset();            // expected values, no HTTP needed
 *   sim.failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.retryAfterSeconds(2));
 *   sim.faults().malformedRate(SimulatorEndpoint.MINUTE_STATS, 0.01);
 *   sim.denyBucket(data.buckets().get(3).id(), 403);
 *   time.sleep(60_000);                               // the next minute's rows become visible
 *   List<LoggedRequest> calls = sim.requests(SimulatorEndpoint.MINUTE_STATS);
 * }
 * }</pre>
 *
 * <p>Layers: {@link tech.flashback.connect.simulator.SyntheticDataset} (pure data), {@link
 * tech.flashback.connect.simulator.FaultPlan} (what goes wrong), {@code SimulatorHttpHandler} and
 * the endpoint handlers (HTTP), {@code RowJsonWriter} (JSON on the wire), {@link
 * tech.flashback.connect.simulator.RequestLog}, and {@link
 * tech.flashback.connect.simulator.SimulatorMain} (standalone).
 */
package tech.flashback.connect.simulator;
