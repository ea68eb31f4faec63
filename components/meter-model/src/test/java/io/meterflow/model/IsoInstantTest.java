package io.meterflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    @Test
    void writesWhatInstantToStringWrites() {
        for (String text : new String[] {"2026-12-05T04:15:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
                "2000-02-29T12:00:00.120Z", "2024-06-30T23:59:59.000001Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.5Z",
                "1899-03-01T01:02:03.000000100Z"}) {
            Instant t = Instant.parse(text);
            assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
        }
        // Outside the four-digit years it is toString itself.
        assertThat(IsoInstant.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
        assertThat(IsoInstant.format(Instant.parse("-0001-12-31T23:59:59Z"))).isEqualTo("-0001-12-31T23:59:59Z");
        assertThat(IsoInstant.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
    }

    @Test
    void agreesWithToStringOnRandomInstants() {
        SplittableRandom random = new SplittableRandom(42);
        int compared = 0;
        for (int i = 0; i < 200_000; i++) {
            // a few days beyond the four-digit years too, where format leaves it to toString
            Instant t = randomInstant(random, i, -62_167_219_200L - 86_400L * 10, 253_402_300_800L + 86_400L * 10);
            assertThat(IsoInstant.format(t)).as("%s", t).isEqualTo(t.toString());
            compared++;
        }
        assertThat(compared).isEqualTo(200_000);
    }

    @Test
    void readsWhatInstantParseReads() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            Instant t = randomInstant(random, i, -62_167_219_200L, 253_402_300_800L);
            assertThat(IsoInstant.parse(t.toString())).as("%s", t).isEqualTo(t);
        }
        // Fractions of any width, and the forms only the JDK's parser reads, give what it gives.
        for (String text : new String[] {"2026-12-05T04:15:00.1Z", "2026-12-05T04:15:00.1234Z", "2026-12-05T04:15:00.12345678Z",
                "2024-02-29T00:00:00Z", "2026-12-05T05:15:00+01:00", "2026-12-05t04:15:00z", "+10000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z", "2026-12-31T23:59:60Z", "2026-12-05T04:15:00.Z"}) {
            assertThat(IsoInstant.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        // What the JDK refuses is refused, with its exception.
        for (String text : new String[] {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-05T24:00:01Z",
                "2026-12-05T04:15:00.1234567890Z", "2026-12-05 04:15:00Z", "2026-12-05T04:15Z",
                "２026-12-05T04:15:00Z", "2026-12-05T04:15:00"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> IsoInstant.parse(text)).as(text)
                    .isInstanceOf(java.time.format.DateTimeParseException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Instant.parse(text)).as(text)
                    .isInstanceOf(java.time.format.DateTimeParseException.class);
        }
    }

    /** An instant between two epoch seconds; by turns whole seconds and fractions of 3, 6 and 9 digits. */
    private static Instant randomInstant(SplittableRandom random, int i, long fromSecond, long toSecond) {
        int nano = switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(random.nextLong(fromSecond, toSecond), nano);
    }
}
