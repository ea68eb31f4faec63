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
}
