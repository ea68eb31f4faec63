package io.meterflow.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void verdictFollowsTheMeanWhenTheErrorBarStaysOnOneSide() {
        assertThat(Report.status(120_000, 5_000, 100_000)).isEqualTo("met");
        assertThat(Report.status(90_000, 5_000, 100_000)).isEqualTo("not met");
        assertThat(Report.status(99_000, Double.NaN, 100_000)).isEqualTo("not met");
    }

    @Test
    void verdictSaysWhenTheErrorBarReachesAcrossTheTarget() {
        assertThat(Report.status(90_000, 30_000, 100_000)).isEqualTo("not met (within error)");
        assertThat(Report.status(110_000, 30_000, 100_000)).isEqualTo("met (within error)");
    }
}
