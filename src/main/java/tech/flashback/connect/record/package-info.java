/**
 * Connect schemas of every stream and the conversion of API rows into {@link
 * org.apache.kafka.connect.source.SourceRecord}s.
 *
 * <p>Each stream has a {@code *Schemas} class (schema names, version, documentation, the static key
 * and value schemas and their field names) and a {@code *Records} converter that turns one API row
 * into one record. Converters build no schemas and use no reflection: they fill two {@link
 * org.apache.kafka.connect.data.Struct}s through cached field handles, so converting a row costs a
 * handful of small allocations.
 *
 * <p>Every record has a struct key whose fields are all required and that is unique per row (so log
 * compaction and warehouse upserts work), the event time as its timestamp, a {@value
 * tech.flashback.connect.record.StreamHeader#NAME} header naming its stream, and no bucket
 * credentials.
 */
package tech.flashback.connect.record;
