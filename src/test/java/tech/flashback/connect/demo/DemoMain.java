package tech.flashback.connect.demo;

/**
 * The README's first command: an in-process Kafka broker and Connect worker, the built-in API
 * simulator (or the real API when {@code FLASHBACK_API_TOKEN} is set), the connector deployed from
 * {@code config/}, a live progress line, and a sample of records per topic at the end.
 */
public final class DemoMain {

  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    // Before anything logs: the cluster's thousands of lines go to a file, not the console.
    System.setProperty("test.log.file", "target/demo-logs/demo.log");
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.print(DemoOptions.USAGE);
      return;
    }
    Demo demo = new Demo(options, System.out, System.getenv());
    Runtime.getRuntime().addShutdownHook(new Thread(demo::stop, "flashback-demo-shutdown"));
    demo.run();
    System.exit(0); // the embedded cluster leaves non-daemon threads behind
  }
}
