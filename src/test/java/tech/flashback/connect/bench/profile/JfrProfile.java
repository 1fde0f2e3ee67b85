package tech.flashback.connect.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a JFR recording says about the benchmark thread: its execution and allocation samples,
 * tallied by method and class, and the garbage collections while it ran.
 *
 * @param tally the samples
 * @param collections garbage collections in the recording
 * @param gcPauses their summed pauses
 * @param truncatedStacks samples whose stack was deeper than the recorded depth
 */
record JfrProfile(SampleTally tally, long collections, Duration gcPauses, long truncatedStacks) {

  static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
  static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
  private static final String CONNECTOR_PACKAGE = "tech.flashback.connect.";
  static final String GARBAGE_COLLECTION = "jdk.GarbageCollection";

  /**
   * Reads a recording.
   *
   * @param threadNamePart samples of threads whose name holds this are kept (JMH's worker)
   */
  static JfrProfile read(Path recording, String threadNamePart) throws IOException {
    SampleTally tally = new SampleTally();
    long collections = 0;
    Duration pauses = Duration.ZERO;
    long truncated = 0;
    Set<Long> allocatingThreads = new HashSet<>();
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        switch (event.getEventType().getName()) {
          case EXECUTION_SAMPLE -> {
            if (isOn(event.getThread("sampledThread"), threadNamePart)) {
              tally.addExecution(stack(event.getStackTrace()));
              truncated +=
                  event.getStackTrace() != null && event.getStackTrace().isTruncated() ? 1 : 0;
            }
          }
          case ALLOCATION_SAMPLE -> {
            // A thread's first sample weighs everything it allocated before the recording began;
            // samples taken in JMH's own code between iterations (no connector frame) can weigh
            // gigabytes of the benchmark's allocation the same way, so only the benchmark counts.
            List<String> stack = stack(event.getStackTrace());
            if (isOn(event.getThread(), threadNamePart)
                && !allocatingThreads.add(event.getThread().getJavaThreadId())
                && stack.stream().anyMatch(frame -> frame.startsWith(CONNECTOR_PACKAGE))) {
              tally.addAllocation(
                  event.getClass("objectClass").getName(), event.getLong("weight"), stack);
            }
          }
          case GARBAGE_COLLECTION -> {
            collections++;
            pauses = pauses.plus(event.getDuration("sumOfPauses"));
          }
          default -> {}
        }
      }
    }
    return new JfrProfile(tally, collections, pauses, truncated);
  }

  private static boolean isOn(RecordedThread thread, String namePart) {
    return thread != null
        && thread.getJavaName() != null
        && thread.getJavaName().contains(namePart);
  }

  /** Top frame first, each as {@code package.Class.method}. */
  private static List<String> stack(RecordedStackTrace trace) {
    if (trace == null) {
      return List.of();
    }
    return trace.getFrames().stream()
        .filter(RecordedFrame::isJavaFrame)
        .map(JfrProfile::name)
        .toList();
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }
}
