package tech.flashback.connect.simulator;

/** What was answered to one request, filled in as the exchange goes, for the request log. */
final class ExchangeOutcome {

  int status;
  long rows;
  Fault fault;

  void answered(int status, long rows) {
    this.status = status;
    this.rows = rows;
  }
}
