package io.meterflow.hub.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterflow.hub.HubTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** DLMS replay protection in PostgreSQL: each counter once, out of order within the window only. */
class PgInvocationCountersTest extends HubTest {

    @Autowired
    PgInvocationCounters counters;

    @Test
    void acceptsEachCounterOnceAndOutOfOrderOnlyWithinTheWindow() {
        String st = "TEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        assertThat(counters.last(st)).isEqualTo(-1);
        assertThat(counters.advance(st, 100)).isTrue();
        assertThat(counters.advance(st, 100)).as("replay").isFalse();
        assertThat(counters.advance(st, 90)).as("late, inside the window").isTrue();
        assertThat(counters.advance(st, 90)).as("late replay").isFalse();
        assertThat(counters.advance(st, 2000)).isTrue();
        assertThat(counters.last(st)).isEqualTo(2000);
        // the window is 1024: 976 and below are refused, and their records were dropped
        assertThat(counters.advance(st, 976)).isFalse();
        assertThat(counters.advance(st, 977)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dlms_invocation_seen WHERE system_title = ? AND counter <= 976",
                Long.class, st)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dlms_invocation_seen WHERE system_title = ?", Long.class, st))
                .isEqualTo(2L);
        assertThat(counters.last(st)).isEqualTo(2000);
    }
}
