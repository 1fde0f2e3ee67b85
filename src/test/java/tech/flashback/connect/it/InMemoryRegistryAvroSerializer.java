package tech.flashback.connect.it;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/**
 * Apicurio's Avro serializer, bound to {@link InMemorySchemaRegistry#shared()}. Named by class in
 * an {@code AvroConverter}'s {@code apicurio.registry.converter.serializer} setting (worker configs
 * are strings, so an instance cannot be passed); the converter hands this serializer's schema
 * resolver, and so the in-memory registry, to its deserializer too. Nothing else is changed:
 * serialization, wire format and registration are Apicurio's own code.
 */
public final class InMemoryRegistryAvroSerializer extends AvroKafkaSerializer<Object> {

  public InMemoryRegistryAvroSerializer() {
    super(InMemorySchemaRegistry.shared().client());
  }
}
