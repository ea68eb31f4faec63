package io.meterflow.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading times go to the database as microseconds since the epoch, rounded as the JDBC driver rounds a Timestamp. */
class ReadingStoreTimesTest {

    @Test
    void microsecondsSinceTheEpochRoundedToTheNearest() {
        assertThat(ReadingStore.micros(Instant.parse("1970-01-01T00:00:00Z"))).isZero();
        assertThat(ReadingStore.micros(Instant.parse("2026-12-05T04:15:00Z"))).isEqualTo(1_796_444_100_000_000L);
        assertThat(ReadingStore.micros(Instant.parse("2026-12-05T04:15:00.123456Z"))).isEqualTo(1_796_444_100_123_456L);
        assertThat(ReadingStore.micros(Instant.parse("1970-01-01T00:00:00.000000499Z"))).isZero();
        assertThat(ReadingStore.micros(Instant.parse("1970-01-01T00:00:00.000000500Z"))).isEqualTo(1);
        assertThat(ReadingStore.micros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1);
        assertThat(ReadingStore.micros(Instant.parse("1990-01-01T00:00:00Z"))).isEqualTo(631_152_000_000_000L);
    }
}
