package io.meterflow.hub.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.meterflow.hub.HubTest;
import io.meterflow.hub.db.Tenancy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** DLMS replay protection in PostgreSQL: each counter once, out of order within the window only, also inside one batch. */
class PgInvocationCountersTest extends HubTest {

    @Autowired
    PgInvocationCounters counters;

    @Autowired
    Tenancy tenancy;

    private List<PgInvocationCounters.Checked> check(String st, long... values) {
        List<PgInvocationCounters.Seen> seen = new java.util.ArrayList<>();
        for (long v : values) {
            seen.add(new PgInvocationCounters.Seen(st, v));
        }
        return tenancy.asSystem(jdbc -> counters.advanceAll(jdbc, seen));
    }

    private boolean accepted(String st, long value) {
        return check(st, value).get(0).accepted();
    }

    @Test
    void acceptsEachCounterOnceAndOutOfOrderOnlyWithinTheWindow() {
        String st = "TEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        assertThat(accepted(st, 100)).isTrue();
        assertThat(accepted(st, 100)).as("replay").isFalse();
        assertThat(accepted(st, 90)).as("late, inside the window").isTrue();
        assertThat(accepted(st, 90)).as("late replay").isFalse();
        assertThat(check(st, 2000).get(0)).isEqualTo(new PgInvocationCounters.Checked(true, 2000));
        // the window is 1024: 976 and below are refused, and their records were dropped
        assertThat(check(st, 976).get(0)).isEqualTo(new PgInvocationCounters.Checked(false, 2000));
        assertThat(accepted(st, 977)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dlms_invocation_seen WHERE system_title = ? AND counter <= 976",
                Long.class, st)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dlms_invocation_seen WHERE system_title = ?", Long.class, st))
                .isEqualTo(2L);
    }

    @Test
    void aBatchIsCheckedInOrderSoARepeatInsideItIsRefused() {
        String st = "TEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        String other = st + "B";
        List<PgInvocationCounters.Checked> answers = tenancy.asSystem(jdbc -> counters.advanceAll(jdbc, List.of(
                new PgInvocationCounters.Seen(st, 5), new PgInvocationCounters.Seen(other, 5), new PgInvocationCounters.Seen(st, 7),
                new PgInvocationCounters.Seen(st, 5), new PgInvocationCounters.Seen(st, 6))));
        assertThat(answers).extracting(PgInvocationCounters.Checked::accepted).containsExactly(true, true, true, false, true);
        assertThat(answers).extracting(PgInvocationCounters.Checked::highest).containsExactly(5L, 5L, 7L, 7L, 7L);
    }

    @Test
    void aBatchOfDistinctSendersIsCheckedAsTheFramesOneByOneWouldBe() {
        String base = "TEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String fresh = base + "A";
        String replayed = base + "B";
        String late = base + "C";
        String tooLate = base + "D";
        String ahead = base + "E";
        for (String st : List.of(replayed, late, tooLate, ahead)) {
            check(st, 5000);
        }
        check(ahead, 4990);
        List<PgInvocationCounters.Checked> answers = tenancy.asSystem(jdbc -> counters.advanceAll(jdbc, List.of(
                new PgInvocationCounters.Seen(fresh, 7), new PgInvocationCounters.Seen(replayed, 5000),
                new PgInvocationCounters.Seen(late, 4000), new PgInvocationCounters.Seen(tooLate, 3976),
                new PgInvocationCounters.Seen(ahead, 7000))));
        assertThat(answers).containsExactly(new PgInvocationCounters.Checked(true, 7), new PgInvocationCounters.Checked(false, 5000),
                new PgInvocationCounters.Checked(true, 5000), new PgInvocationCounters.Checked(false, 5000),
                new PgInvocationCounters.Checked(true, 7000));
        // The new highest counter dropped its sender's records that fell out of the window; the others keep theirs.
        assertThat(jdbc.queryForList("SELECT counter FROM dlms_invocation_seen WHERE system_title = ? ORDER BY counter", Long.class,
                ahead)).containsExactly(7000L);
        assertThat(jdbc.queryForList("SELECT counter FROM dlms_invocation_seen WHERE system_title = ? ORDER BY counter", Long.class,
                late)).containsExactly(4000L, 5000L);
        // And what was recorded is remembered: each of those counters again is a replay.
        assertThat(check(late, 4000).get(0).accepted()).isFalse();
        assertThat(check(ahead, 7000).get(0).accepted()).isFalse();
        assertThat(check(fresh, 7).get(0).accepted()).isFalse();
    }
}
