package io.meterflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceIdTest {

    @Test
    void mbusKeyIsTheSecondaryAddress() {
        DeviceId id = DeviceId.mbus("mbus", "ABC", "12345678", 1, Medium.WATER);
        assertThat(id.key()).isEqualTo("mbus:ABC:12345678:1:water");
    }

    @Test
    void absentMbusPartsAreDashes() {
        assertThat(DeviceId.mbus("wmbus", null, "00001234", null, null).key()).isEqualTo("wmbus:-:00001234:-:-");
    }

    @Test
    void systemTitleWinsAndIsUpperCased() {
        DeviceId id = new DeviceId("DLMS", "ISK", "12345678", null, Medium.ELECTRICITY,
                "4d4d4d0000bc614e", "ISK00012345678", null);
        assertThat(id.key()).isEqualTo("dlms:st:4D4D4D0000BC614E");
        assertThat(id.protocol()).isEqualTo("dlms");
        assertThat(DeviceId.dlms("4D4D4D0000BC614E").key()).isEqualTo("dlms:st:4D4D4D0000BC614E");
    }

    @Test
    void logicalDeviceNameThenSerialThenIdentification() {
        assertThat(new DeviceId("dlms", null, "42", null, null, null, "ISK00012345678", null).key())
                .isEqualTo("dlms:ldn:ISK00012345678");
        assertThat(new DeviceId("iec62056-21", null, null, null, null, null, null, "ISK5\\2M550T-1013").key())
                .isEqualTo("iec62056-21:id:ISK5\\2M550T-1013");
        assertThat(new DeviceId("iec62056-21", "isk", "9876", null, null, null, null, "ISK5\\2M550T-1013").key())
                .isEqualTo("iec62056-21:ISK:9876:-:-");
    }

    @Test
    void separatorsInsidePartsAreEscaped() {
        assertThat(new DeviceId("api", null, "a:b%c", null, null, null, null, null).key())
                .isEqualTo("api:-:a%3Ab%25c:-:-");
    }

    @Test
    void blankOptionalFieldsCountAsAbsent() {
        DeviceId blank = new DeviceId("mbus", " ", "123", null, null, "", "  ", "");
        assertThat(blank.manufacturer()).isNull();
        assertThat(blank.systemTitle()).isNull();
        assertThat(blank.key()).isEqualTo("mbus:-:123:-:-");
        assertThat(blank).isEqualTo(DeviceId.mbus("mbus", null, "123", null, null));
    }

    @Test
    void needsProtocolAndSomeIdentity() {
        assertThatThrownBy(() -> DeviceId.mbus(" ", "ABC", "1", 1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("protocol must not be blank");
        assertThatThrownBy(() -> DeviceId.mbus(null, "ABC", "1", 1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("protocol must not be blank");
        assertThatThrownBy(() -> DeviceId.mbus("m bus", "ABC", "1", 1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may only contain");
        assertThatThrownBy(() -> DeviceId.mbus("mbus", "ABC", " ", 1, Medium.GAS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least one of serial, systemTitle, logicalDeviceName or identification");
    }

    @Test
    void systemTitleMustBeHex() {
        assertThatThrownBy(() -> DeviceId.dlms("4D4D4G"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"4D4D4G\"");
        assertThatThrownBy(() -> DeviceId.dlms("ABC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two per byte");
    }

    @Test
    void versionMustNotBeNegative() {
        assertThatThrownBy(() -> DeviceId.mbus("mbus", "ABC", "1", -1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
