package io.meterflow.hub.db;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Creates the monthly (UTC) partitions of {@code reading} as data for a month first arrives.
 * Months already seen are remembered, so the steady state costs nothing; concurrent creators of
 * the same month (several storage workers, several hubs) serialize on an advisory lock.
 */
@Component
public class ReadingPartitions {

    private final Tenancy tenancy;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public ReadingPartitions(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    public static YearMonth monthOf(Instant ts) {
        return YearMonth.from(ts.atZone(ZoneOffset.UTC));
    }

    /** After partitions were dropped outside the hub. */
    public void forget() {
        known.clear();
    }

    public void ensure(Collection<YearMonth> months) {
        for (YearMonth m : months) {
            if (!known.contains(m)) {
                create(m);
                known.add(m);
            }
        }
    }

    private void create(YearMonth m) {
        tenancy.asSystem(jdbc -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('meterflow.reading.partition'))", Object.class);
            jdbc.execute(createStatement(m));
            return null;
        });
    }

    /** The statement that makes month {@code m}'s partition (UTC) if it is missing. */
    public static String createStatement(YearMonth m) {
        LocalDate from = m.atDay(1);
        LocalDate to = m.plusMonths(1).atDay(1);
        return String.format("CREATE TABLE IF NOT EXISTS reading_y%04dm%02d PARTITION OF reading FOR VALUES FROM ('%s 00:00:00+00')"
                + " TO ('%s 00:00:00+00')", m.getYear(), m.getMonthValue(), from, to);
    }
}
