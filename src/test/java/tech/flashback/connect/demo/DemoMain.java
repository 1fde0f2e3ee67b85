package tech.flashback.connect.demo;

/**
 * The README's first command. Until the in-process cluster demo lands, it says so and points at
 * what runs today.
 */
public final class DemoMain {

  private DemoMain() {}

  public static void main(String[] args) {
    System.out.println(
        """
        kafka-connect-flashback demo: not implemented yet.
        It will start an in-process Kafka broker and Connect worker, the built-in API simulator
        (or the real API when FLASHBACK_API_TOKEN is set) and show the records of every stream.
        What runs today: the API simulator, see "The API simulator" in README.md.""");
  }
}
