package io.meterflow.dlms.client;

import io.meterflow.dlms.SimulatedMeters;
import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.apdu.DataResult;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.DlmsUnit;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.dlms.server.MeterSimulator;
import io.meterflow.dlms.server.ServerSettings;
import io.meterflow.model.ObisCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against the simulator, over the wrapper and over HDLC, with each security option. */
class DlmsClientTest {

    private static final byte[] PASSWORD = "12345678".getBytes(StandardCharsets.US_ASCII);

    private static ServerSettings server(Authentication auth, boolean ciphered, int maxPdu) {
        return new ServerSettings(auth, PASSWORD, ciphered, ServerSettings.DEFAULT_SYSTEM_TITLE, SimulatedMeters.KEY,
                SimulatedMeters.AUTH_KEY, maxPdu);
    }

    private static ClientSettings client(Authentication auth, boolean ciphered, byte[] password, int maxPdu) {
        return new ClientSettings(auth, password, ciphered, ClientSettings.DEFAULT_SYSTEM_TITLE, SimulatedMeters.KEY,
                SimulatedMeters.AUTH_KEY, maxPdu);
    }

    private static DlmsClient connect(MeterSimulator meter, int port, ClientSettings settings, boolean hdlc) {
        DlmsTransport t = hdlc ? new HdlcTransport("127.0.0.1", port, 16, 1, 17, 5000)
                : new WrapperTransport("127.0.0.1", port, 16, 1, 5000);
        return new DlmsClient(t, settings);
    }

    @Test
    void readsRegistersWithLowLevelSecurityOverTheWrapper() throws Exception {
        try (MeterSimulator meter = new MeterSimulator(server(Authentication.LOW, false, 1024), SimulatedMeters.objects(), false)) {
            int port = meter.start();
            DlmsClient c = connect(meter, port, client(Authentication.LOW, false, PASSWORD, 0xFFFF), false);
            c.associate();
            assertThat(c.get(3, SimulatedMeters.ENERGY_IMPORT, 2).longValue()).isEqualTo(1234567);
            ScalerUnit su = c.scalerUnit(3, SimulatedMeters.ENERGY_IMPORT);
            assertThat(su).isEqualTo(new ScalerUnit(1, DlmsUnit.WATT_HOUR));
            assertThat(su.apply(c.get(3, SimulatedMeters.ENERGY_IMPORT, 2).decimal())).isEqualByComparingTo("12345670");
            List<DataResult> list = c.getList(List.of(AttributeDescriptor.of(3, SimulatedMeters.VOLTAGE_L1, 2),
                    AttributeDescriptor.of(1, SimulatedMeters.SERIAL, 2),
                    AttributeDescriptor.of(3, ObisCode.of(1, 0, 99, 99, 0, 255), 2)));
            assertThat(list.get(0).data().longValue()).isEqualTo(2301);
            assertThat(list.get(1).data().text()).isEqualTo("MTF0000001");
            assertThat(list.get(2).ok()).isFalse();
            assertThat(list.get(2).accessResult()).isEqualTo(DataResult.OBJECT_UNDEFINED);
            c.release();
        }
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        try (MeterSimulator meter = new MeterSimulator(server(Authentication.LOW, false, 1024), SimulatedMeters.objects(), false)) {
            int port = meter.start();
            DlmsClient c = connect(meter, port, client(Authentication.LOW, false, "wrong".getBytes(), 0xFFFF), false);
            assertThatThrownBy(c::associate).isInstanceOf(DlmsException.class).hasMessageContaining("authentication failure");
            c.close();
        }
    }

    @Test
    void readsAProfileRangeByBlockTransferOverHdlcWithHighLevelSecurityAndCiphering() throws Exception {
        try (MeterSimulator meter = new MeterSimulator(server(Authentication.HIGH_GMAC, true, 256),
                SimulatedMeters.objects(), true)) {
            int port = meter.start();
            DlmsClient c = connect(meter, port, client(Authentication.HIGH_GMAC, true, null, 256), true);
            c.associate();
            Instant from = SimulatedMeters.PROFILE_START.plusSeconds(3600);
            Instant to = from.plusSeconds(6 * 3600);
            DlmsData rows = c.profile(SimulatedMeters.LOAD_PROFILE,
                    CosemDateTime.of(from.atOffset(ZoneOffset.UTC)), CosemDateTime.of(to.atOffset(ZoneOffset.UTC)));
            assertThat(rows.items()).hasSize(25);
            DlmsData first = rows.items().get(0);
            assertThat(CosemDateTime.decode(first.items().get(0).bytes(), 0, 0).toInstant(ZoneOffset.UTC)).isEqualTo(from);
            assertThat(first.items().get(1).longValue()).isEqualTo(100_000L + 25L * 4);
            c.release();
        }
    }

    @Test
    void setsTheClockOverTheWrapperWithCiphering() throws Exception {
        try (MeterSimulator meter = new MeterSimulator(server(Authentication.NONE, true, 1024), SimulatedMeters.objects(), false)) {
            meter.objects().setClockOffset(Duration.ofMinutes(-7));
            int port = meter.start();
            DlmsClient c = connect(meter, port, client(Authentication.NONE, true, null, 0xFFFF), false);
            c.associate();
            CosemDateTime before = c.clock();
            assertThat(before.deviation()).isEqualTo(-60);
            assertThat(Duration.between(Instant.now(), before.toInstant(ZoneOffset.UTC)).toMinutes()).isBetween(-8L, -6L);
            assertThat(c.setClock(CosemDateTime.of(Instant.now().atOffset(ZoneOffset.ofHours(1))))).isZero();
            assertThat(Duration.between(Instant.now(), c.clock().toInstant(ZoneOffset.UTC)).abs().getSeconds()).isLessThan(3);
            c.release();
        }
    }

    @Test
    void unciphered_requests_are_refused_by_a_meter_that_requires_ciphering() throws Exception {
        try (MeterSimulator meter = new MeterSimulator(server(Authentication.NONE, true, 1024), SimulatedMeters.objects(), false)) {
            int port = meter.start();
            DlmsClient c = connect(meter, port, client(Authentication.NONE, false, null, 0xFFFF), false);
            assertThatThrownBy(c::associate).isInstanceOf(DlmsException.class).hasMessageContaining("rejected");
            c.close();
        }
    }

    /** Counts the requests a client sends: each is a round trip to the meter. */
    private static final class CountingTransport implements DlmsTransport {
        private final DlmsTransport link;
        private int exchanges;

        CountingTransport(DlmsTransport link) {
            this.link = link;
        }

        @Override
        public void open() throws java.io.IOException {
            link.open();
        }

        @Override
        public byte[] exchange(byte[] request) throws java.io.IOException {
            exchanges++;
            return link.exchange(request);
        }

        @Override
        public void close() throws java.io.IOException {
            link.close();
        }
    }

    private record Read(io.meterflow.model.Telegram telegram, int exchanges) {
    }

    private static Read poll(ServerSettings server, PollSession session) throws Exception {
        try (MeterSimulator meter = new MeterSimulator(server, SimulatedMeters.objects(), false)) {
            int port = meter.start();
            CountingTransport link = new CountingTransport(new WrapperTransport("127.0.0.1", port, 16, 1, 5000));
            DlmsClient c = new DlmsClient(link, client(Authentication.HIGH_GMAC, true, null, 0xFFFF));
            c.associate();
            try {
                return new Read(session.run(c), link.exchanges + 1); // and the release
            } finally {
                c.release();
            }
        }
    }

    @Test
    void aPollSessionAsksForItsAttributesInOneListAndAMeterWithoutListsGivesTheSameReadings() throws Exception {
        PollSession session = new PollSession(List.of(SimulatedMeters.ENERGY_IMPORT, SimulatedMeters.POWER_IMPORT,
                SimulatedMeters.VOLTAGE_L1), SimulatedMeters.LOAD_PROFILE, SimulatedMeters.PROFILE_START.minusSeconds(1), false,
                Duration.ofSeconds(10), ZoneOffset.UTC);
        ServerSettings lists = server(Authentication.HIGH_GMAC, true, 0xFFFF);
        Read withLists = poll(lists, session);
        Read singly = poll(lists.offering(io.meterflow.dlms.apdu.Conformance.DEFAULT
                & ~io.meterflow.dlms.apdu.Conformance.MULTIPLE_REFERENCES), session);

        // Association, HLS reply, one list (clock, 3 registers' value and scaler, name, profile columns), the rows, release.
        assertThat(withLists.exchanges()).isEqualTo(5);
        // Association, HLS reply, clock, 3 x 2 register attributes, name, profile columns, the rows, release; the
        // profile's energy column takes the register's scaler either way.
        assertThat(singly.exchanges()).isEqualTo(13);

        for (Read r : List.of(withLists, singly)) {
            List<io.meterflow.model.Reading> readings = r.telegram().readings();
            assertThat(readings).hasSize(3 + SimulatedMeters.PROFILE_ROWS);
            assertThat(readings.subList(0, 3)).extracting(io.meterflow.model.Reading::register, x -> x.value().toPlainString(),
                            x -> x.unit().symbol())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1-0:1.8.0*255", "12345670", "Wh"),
                            org.assertj.core.groups.Tuple.tuple("1-0:1.7.0*255", "1500", "W"),
                            org.assertj.core.groups.Tuple.tuple("1-0:32.7.0*255", "230.1", "V"));
            assertThat(r.telegram().device().logicalDeviceName()).isEqualTo("MTF0000000000001");
        }
        // The profile rows are the same values at the same times.
        assertThat(singly.telegram().readings().subList(3, 3 + SimulatedMeters.PROFILE_ROWS))
                .isEqualTo(withLists.telegram().readings().subList(3, 3 + SimulatedMeters.PROFILE_ROWS));
        io.meterflow.model.Reading last = withLists.telegram().readings().get(2 + SimulatedMeters.PROFILE_ROWS);
        assertThat(last.timestamp()).isEqualTo(SimulatedMeters.PROFILE_START.plusSeconds(900L * (SimulatedMeters.PROFILE_ROWS - 1)));
        assertThat(last.value()).isEqualByComparingTo("1023750"); // (100 000 + 25 x 95) Wh, scaler 10^1
    }

    @Test
    void aRegisterTheMeterDoesNotHaveFailsTheSessionAndSaysWhich() throws Exception {
        PollSession session = new PollSession(List.of(SimulatedMeters.ENERGY_IMPORT, ObisCode.of(1, 0, 99, 99, 0, 255)), null, null,
                false, Duration.ofSeconds(10), ZoneOffset.UTC);
        ServerSettings lists = server(Authentication.HIGH_GMAC, true, 0xFFFF);
        for (ServerSettings meter : List.of(lists, lists.offering(io.meterflow.dlms.apdu.Conformance.GET))) {
            assertThatThrownBy(() -> poll(meter, session)).isInstanceOf(DlmsException.class)
                    .hasMessage("reading 3/1-0:99.99.0*255/2 failed with data-access-result 4");
        }
    }
}
