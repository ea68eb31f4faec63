package io.meterflow.hub.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private List<Boolean> acceptedBy(PgInvocationCounters with, PgInvocationCounters.Seen... seen) {
        List<PgInvocationCounters.Checked> answers = tenancy.asSystem(jdbc -> with.advanceAll(jdbc, List.of(seen)));
        return answers.stream().map(PgInvocationCounters.Checked::accepted).toList();
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
        assertThat(accepted(st, 977)).as("the oldest counter in the window, again").isFalse();
        assertThat(accepted(st, 1999)).isTrue();
        // A sender is one row whatever it sent: its highest counter and a bit for each counter of the window.
        assertThat(jdbc.queryForMap("SELECT count(*) AS n, min(length(seen)) AS bits FROM dlms_invocation_counter WHERE system_title = ?",
                st)).containsEntry("n", 1L).containsEntry("bits", 1024);
        // 2000 is bit 0, 1999 bit 1, 977 bit 1023; 100 and 90 fell out of the window.
        assertThat(jdbc.queryForList("""
                SELECT i FROM dlms_invocation_counter c, generate_series(0, length(c.seen) - 1) AS i
                 WHERE c.system_title = ? AND get_bit(c.seen, i) = 1 ORDER BY i""", Integer.class, st)).containsExactly(0, 1, 1023);
    }

    @Test
    void aCounterFarAboveTheHighestClearsTheWindow() {
        String st = "TEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        assertThat(accepted(st, 10)).isTrue();
        assertThat(accepted(st, 9)).isTrue();
        assertThat(accepted(st, 1_000_000)).isTrue();
        assertThat(check(st, 10).get(0)).as("far below the new highest").isEqualTo(new PgInvocationCounters.Checked(false, 1_000_000));
        assertThat(accepted(st, 999_999)).as("not accepted before, within the window").isTrue();
        assertThat(accepted(st, 999_999)).isFalse();
        assertThat(accepted(st, 1_000_000)).isFalse();
    }

    @Test
    void countersOfTheWholeThirtyTwoBitRangeAreChecked() {
        String st = "TEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        assertThat(accepted(st, 4_294_967_000L)).isTrue();
        assertThat(check(st, 1).get(0)).as("four billion below the highest").isEqualTo(new PgInvocationCounters.Checked(false, 4_294_967_000L));
        assertThat(accepted(st, 4_294_967_295L)).as("the largest counter").isTrue();
        assertThat(accepted(st, 4_294_967_000L)).isFalse();
        assertThat(accepted(st, 4_294_966_999L)).as("within the window, not accepted before").isTrue();
    }

    @Test
    void aWindowOfAnotherSizeIsFittedSoThatNoAcceptedCounterGetsThroughAgain() {
        String st = "TEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        PgInvocationCounters wide = new PgInvocationCounters(2048);
        PgInvocationCounters narrow = new PgInvocationCounters(16);
        assertThat(check(st, 5000)).containsExactly(new PgInvocationCounters.Checked(true, 5000));
        assertThat(accepted(st, 4000)).isTrue();
        // Widened to 2048: 4000 was accepted; 3500 was not but lay below the old window, so it counts as accepted too.
        assertThat(acceptedBy(wide, new PgInvocationCounters.Seen(st, 4000), new PgInvocationCounters.Seen(st + "X", 1),
                new PgInvocationCounters.Seen(st, 3500))).containsExactly(false, true, false);
        assertThat(acceptedBy(wide, new PgInvocationCounters.Seen(st, 4500))).as("within the old window, not accepted before")
                .containsExactly(true);
        // Narrowed to 16: only 4985 to 5000 are still within it.
        assertThat(acceptedBy(narrow, new PgInvocationCounters.Seen(st, 4985), new PgInvocationCounters.Seen(st, 4984),
                new PgInvocationCounters.Seen(st, 5000))).containsExactly(true, false, false);
        assertThat(jdbc.queryForObject("SELECT length(seen) FROM dlms_invocation_counter WHERE system_title = ?", Integer.class, st))
                .isEqualTo(16);
    }

    @Test
    void windowsOutsideOneTo4096AreRefusedWithTheSetting() {
        assertThatThrownBy(() -> new PgInvocationCounters(0)).hasMessageContaining("dlms-replay-window must be from 1 to 4096");
        assertThatThrownBy(() -> new PgInvocationCounters(100_000)).hasMessageContaining("was 100000");
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
        // And what was recorded is remembered: each of those counters again is a replay.
        assertThat(check(late, 4000).get(0).accepted()).isFalse();
        assertThat(check(ahead, 7000).get(0).accepted()).isFalse();
        assertThat(check(fresh, 7).get(0).accepted()).isFalse();
    }
}
