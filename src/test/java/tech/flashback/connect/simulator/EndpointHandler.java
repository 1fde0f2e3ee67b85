package tech.flashback.connect.simulator;

/** Answers one endpoint; throws {@link BadRequestException} for a 400. */
interface EndpointHandler {

  ApiResponse handle(ApiRequest request);
}
