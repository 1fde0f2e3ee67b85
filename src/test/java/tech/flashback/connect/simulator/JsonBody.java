package tech.flashback.connect.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A response body written straight to the wire; returns the number of data rows written. */
@FunctionalInterface
interface JsonBody {

  long write(JsonGenerator generator) throws IOException;

  static JsonBody error(String message) {
    return g -> {
      g.writeStartObject();
      g.writeBooleanField("success", false);
      g.writeStringField("message", message);
      g.writeEndObject();
      return 0;
    };
  }
}
