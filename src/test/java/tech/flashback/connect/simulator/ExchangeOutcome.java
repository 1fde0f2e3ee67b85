package tech.flashback.connect.simulator;

/** What was answered to one request, filled in as the exchange goes, for the request log. */
final class ExchangeOutcome {

  private final RequestLog requestLog;
  int status;
  long rows;
  Fault fault;
  boolean committed;

  ExchangeOutcome(RequestLog requestLog) {
    this.requestLog = requestLog;
  }

  /** Called just before the bytes that let the client see a complete response. */
  void commit() {
    if (!committed) {
      committed = true;
      requestLog.responseCommitting();
    }
  }

  void answered(int status, long rows) {
    this.status = status;
    this.rows = rows;
  }
}
