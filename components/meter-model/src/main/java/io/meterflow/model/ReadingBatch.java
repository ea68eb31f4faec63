package io.meterflow.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The readings of one meter as received in one go: the message on the AMQP address
 * {@code meterflow.readings} and the unit of storage. Its JSON form is written and read by
 * {@link ReadingBatchCodec}.
 *
 * <p>{@code batchId} lets consumers drop a batch they have already stored when a message is
 * delivered twice.
 *
 * @param schema         always {@link #SCHEMA}; carried so that a future format can be told apart
 * @param batchId        unique per batch; not null
 * @param organizationId owning organization; positive
 * @param meterId        Meterflow meter id the readings belong to; positive
 * @param medium         {@link Medium#code()} of the meter, or null; normalized to the code
 * @param source         how the readings arrived, e.g. {@code api}, {@code dlms}; null or not blank
 * @param receivedAt     when Meterflow received them; not null
 * @param readings       the readings; may be empty, never null, unmodifiable
 */
public record ReadingBatch(String schema, UUID batchId, long organizationId, long meterId, String medium,
                           String source, Instant receivedAt, List<Reading> readings) {

    /** The schema string of this JSON form; changes only with an incompatible format. */
    public static final String SCHEMA = "meterflow.readings/1";

    public ReadingBatch {
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("batch schema must be " + SCHEMA + " but was "
                    + (schema == null ? "null" : '"' + schema + '"'));
        }
        if (batchId == null) {
            throw new IllegalArgumentException("batch id must not be null");
        }
        if (organizationId <= 0) {
            throw new IllegalArgumentException("batch organizationId must be positive but was " + organizationId);
        }
        if (meterId <= 0) {
            throw new IllegalArgumentException("batch meterId must be positive but was " + meterId);
        }
        if (medium != null) {
            medium = Medium.fromCode(medium).code();
        }
        if (source != null && source.isBlank()) {
            throw new IllegalArgumentException("batch source must be null or not blank");
        }
        if (receivedAt == null) {
            throw new IllegalArgumentException("batch receivedAt must not be null");
        }
        if (readings == null) {
            readings = List.of();
        } else {
            for (int i = 0; i < readings.size(); i++) {
                if (readings.get(i) == null) {
                    throw new IllegalArgumentException("batch readings[" + i + "] must not be null");
                }
            }
            readings = List.copyOf(readings);
        }
    }

    /** A new batch with a random id and the current schema. */
    public static ReadingBatch of(long organizationId, long meterId, Medium medium, String source,
                                  Instant receivedAt, List<Reading> readings) {
        return new ReadingBatch(SCHEMA, UUID.randomUUID(), organizationId, meterId,
                medium == null ? null : medium.code(), source, receivedAt, readings);
    }
}
