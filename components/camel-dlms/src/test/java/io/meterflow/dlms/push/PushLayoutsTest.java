package io.meterflow.dlms.push;

import io.meterflow.dlms.apdu.DataNotification;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.model.Frame;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushLayoutsTest {

    @Test
    void aNewMeterTypeIsALayoutFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acme.yaml"), """
                name: acme-gas
                manufacturer: ACM
                match:
                  listId: ACME_1
                positions:
                  - {index: 0, role: list_id}
                  - {index: 1, role: serial}
                  - {index: 2, obis: "7-0:3.0.0*255", unit: m3, scaler: -3}
                """);
        PushLayouts layouts = PushLayouts.builtIn().with(PushLayouts.fromDirectory(dir));
        byte[] apdu = new DataNotification(0, null, DlmsData.structure(DlmsData.visible("ACME_1"),
                DlmsData.visible("G-0042"), DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 123456))).encode();
        DlmsPushDecoder decoder = new DlmsPushDecoder(layouts, ZoneOffset.UTC, null, null);
        Telegram t = decoder.decode(Frame.of(apdu)).telegram();
        assertThat(t.device().serial()).isEqualTo("G-0042");
        assertThat(t.device().manufacturer()).isEqualTo("ACM");
        Reading r = t.readings().get(0);
        assertThat(r.register()).isEqualTo("7-0:3.0.0*255");
        assertThat(r.value()).isEqualByComparingTo("123.456");
        assertThat(r.unit()).isEqualTo(Unit.CUBIC_METRE);
    }

    @Test
    void eventNotificationsBecomeEvents() {
        byte[] apdu = new io.meterflow.dlms.apdu.EventNotification(
                io.meterflow.dlms.axdr.CosemDateTime.of(java.time.OffsetDateTime.parse("2026-02-01T10:00:00+01:00")), 1,
                ObisCode.parse("0-0:96.11.0*255"), 2, DlmsData.integer(DataType.LONG_UNSIGNED, 47)).encode();
        Telegram t = new DlmsFrameDecoder().decode(Frame.of(apdu));
        assertThat(t.readings()).isEmpty();
        assertThat(t.events()).hasSize(1);
        assertThat(t.events().get(0).timestamp()).isEqualTo(java.time.Instant.parse("2026-02-01T09:00:00Z"));
        assertThat(t.events().get(0).attributes()).containsEntry("obis", "0-0:96.11.0*255").containsEntry("class", "1");
    }

    @Test
    void badLayoutsSayWhatIsWrong() {
        assertThatThrownBy(() -> PushLayouts.parse("name: x\npositions:\n  - {index: 0}\n", "x.yaml"))
                .hasMessageContaining("x.yaml").hasMessageContaining("obis");
        assertThatThrownBy(() -> PushLayouts.parse("positions: []", "y.yaml")).hasMessageContaining("no name");
        assertThatThrownBy(() -> PushLayouts.parse("name: z\nregisters:\n  1-0:1.8.0: {unit: kWh}\n", "z.yaml"))
                .hasMessageContaining("canonical unit");
        assertThatThrownBy(() -> PushLayouts.parse(": : :", "w.yaml")).hasMessageContaining("w.yaml");
    }

    @Test
    void builtInLayoutsAreLoaded() {
        assertThat(PushLayouts.builtIn().all()).extracting(PushLayout::name)
                .contains("kaifa-kfm001", "kamstrup-v0001", "landis-gyr-e450", "iskra-am550", "aidon-v0001",
                        "nordic-han-list1");
        assertThat(PushLayouts.builtIn().named("kaifa-kfm001").registers()).containsKey(ObisCode.parse("1-0:31.7.0*255"));
        assertThat(List.of(1)).hasSize(1);
    }
}
