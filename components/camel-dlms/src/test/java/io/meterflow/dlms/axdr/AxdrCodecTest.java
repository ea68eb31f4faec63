package io.meterflow.dlms.axdr;

import io.meterflow.model.DecodeException;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Unit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AxdrCodecTest {

    private static DlmsData roundTrip(String hex) {
        DlmsData d = new AxdrReader(Hex.parse(hex)).data();
        assertThat(Hex.of(AxdrWriter.encode(d))).isEqualTo(hex.toUpperCase());
        return d;
    }

    @Test
    void everySimpleTypeDecodesAndEncodesBack() {
        assertThat(roundTrip("00").type()).isEqualTo(DataType.NULL_DATA);
        assertThat(roundTrip("0301").value()).isEqualTo(true);
        assertThat(roundTrip("040AFFC0").value()).hasToString("1111111111");
        assertThat(roundTrip("05FFFFFFFE").longValue()).isEqualTo(-2);
        assertThat(roundTrip("06FFFFFFFE").longValue()).isEqualTo(4294967294L);
        assertThat(roundTrip("0903010203").bytes()).containsExactly(1, 2, 3);
        assertThat(roundTrip("0A03414243").text()).isEqualTo("ABC");
        assertThat(roundTrip("0C04C3A46263").text()).isEqualTo("äbc");
        assertThat(roundTrip("0D12").longValue()).isEqualTo(0x12);
        assertThat(roundTrip("0FFF").longValue()).isEqualTo(-1);
        assertThat(roundTrip("10FF38").longValue()).isEqualTo(-200);
        assertThat(roundTrip("11C8").longValue()).isEqualTo(200);
        assertThat(roundTrip("12FFFF").longValue()).isEqualTo(65535);
        assertThat(roundTrip("14FFFFFFFFFFFFFFFF").longValue()).isEqualTo(-1);
        assertThat(roundTrip("15FFFFFFFFFFFFFFFF").value()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(roundTrip("1603").longValue()).isEqualTo(3);
        assertThat(roundTrip("173FC00000").decimal()).isEqualByComparingTo("1.5");
        assertThat(roundTrip("18400921FB54442D18").decimal()).isEqualByComparingTo("3.141592653589793");
        CosemDateTime dt = (CosemDateTime) roundTrip("1907E4011502100000FF000000").value();
        assertThat(dt.toInstant(ZoneOffset.UTC)).isEqualTo(Instant.parse("2020-01-21T16:00:00Z"));
        CosemDateTime date = (CosemDateTime) roundTrip("1A07E4011502").value();
        assertThat(date.year()).isEqualTo(2020);
        CosemDateTime time = (CosemDateTime) roundTrip("1B10203040").value();
        assertThat(time.hour()).isEqualTo(16);
        assertThat(time.hundredths()).isEqualTo(0x40);
    }

    @Test
    void arraysStructuresAndCompactArrays() {
        DlmsData s = roundTrip("020212000F0A0141");
        assertThat(s.items()).hasSize(2);
        DlmsData compact = new AxdrReader(Hex.parse("130202121106000101000203")).data();
        assertThat(compact.type()).isEqualTo(DataType.COMPACT_ARRAY);
        assertThat(compact.items()).hasSize(2);
        assertThat(compact.items().get(0).items().get(0).longValue()).isEqualTo(1);
        assertThat(compact.items().get(0).items().get(1).longValue()).isEqualTo(1);
        assertThat(compact.items().get(1).items().get(0).longValue()).isEqualTo(2);
        assertThat(compact.items().get(1).items().get(1).longValue()).isEqualTo(3);
        assertThat(Hex.of(AxdrWriter.encode(compact))).isEqualTo("130202121106000101000203");
    }

    @Test
    void longLengthsUseTheMultiByteForm() {
        byte[] big = new byte[300];
        byte[] enc = AxdrWriter.encode(DlmsData.octets(big));
        assertThat(Hex.of(enc, 0, 4)).isEqualTo("0982012C");
        assertThat(new AxdrReader(enc).data().bytes()).hasSize(300);
    }

    @Test
    void malformedDataIsADecodeExceptionWithItsOffset() {
        assertThatThrownBy(() -> new AxdrReader(Hex.parse("0905AABB")).data()).isInstanceOf(DecodeException.class)
                .hasMessageContaining("at byte 1");
        assertThatThrownBy(() -> new AxdrReader(Hex.parse("07")).data()).isInstanceOf(DecodeException.class)
                .hasMessageContaining("unknown data type tag 7");
        assertThatThrownBy(() -> new AxdrReader(Hex.parse("0184FFFFFFFF")).data()).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> new AxdrReader(Hex.parse("02".repeat(40) + "00")).data())
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void obisCodesAreSixByteOctetStrings() {
        DlmsData d = DlmsData.obis(ObisCode.parse("1-0:1.8.0*255"));
        assertThat(Hex.of(AxdrWriter.encode(d))).isEqualTo("09060100010800FF");
        assertThat(d.obis()).hasToString("1-0:1.8.0*255");
    }

    @Test
    void scalerIsAppliedExactly() {
        ScalerUnit su = ScalerUnit.of(new AxdrReader(Hex.parse("02020FFF161B")).data());
        assertThat(su).isEqualTo(new ScalerUnit(-1, DlmsUnit.WATT));
        assertThat(su.apply(new BigDecimal("2274"))).isEqualTo(new BigDecimal("227.4"));
        assertThat(new ScalerUnit(-3, DlmsUnit.AMPERE).apply(new BigDecimal("1"))).isEqualTo(new BigDecimal("0.001"));
        assertThat(new ScalerUnit(3, DlmsUnit.WATT_HOUR).apply(new BigDecimal("5")).compareTo(new BigDecimal("5000"))).isZero();
        assertThat(new ScalerUnit(0, DlmsUnit.LITRE).apply(new BigDecimal("250"))).isEqualByComparingTo("0.250");
        assertThat(new ScalerUnit(-1, DlmsUnit.HOUR).apply(new BigDecimal("15")).compareTo(new BigDecimal("5400"))).isZero();
        assertThat(new ScalerUnit(0, DlmsUnit.BAR).canonicalUnit()).isEqualTo(Unit.PASCAL);
    }

    @Test
    void unitEnumerationMapsToCanonicalUnits() {
        assertThat(DlmsUnit.ofCode(27).unit()).isEqualTo(Unit.WATT);
        assertThat(DlmsUnit.ofCode(30).unit()).isEqualTo(Unit.WATT_HOUR);
        assertThat(DlmsUnit.ofCode(32).unit()).isEqualTo(Unit.VAR_HOUR);
        assertThat(DlmsUnit.ofCode(33).unit()).isEqualTo(Unit.AMPERE);
        assertThat(DlmsUnit.ofCode(35).unit()).isEqualTo(Unit.VOLT);
        assertThat(DlmsUnit.ofCode(44).unit()).isEqualTo(Unit.HERTZ);
        assertThat(DlmsUnit.ofCode(13).unit()).isEqualTo(Unit.CUBIC_METRE);
        assertThat(DlmsUnit.ofCode(9).unit()).isEqualTo(Unit.DEGREE_CELSIUS);
        assertThat(DlmsUnit.ofCode(255).unit()).isEqualTo(Unit.NONE);
        assertThat(DlmsUnit.ofCode(10).canonical()).isFalse();
        assertThat(DlmsUnit.ofCode(200)).isEqualTo(DlmsUnit.OTHER);
    }

    @Test
    void dateTimeWithDeviationAndClockStatus() {
        CosemDateTime t = CosemDateTime.of(OffsetDateTime.parse("2026-03-29T03:15:00+02:00"));
        assertThat(t.deviation()).isEqualTo(-120);
        assertThat(t.toInstant(ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-03-29T01:15:00Z"));
        CosemDateTime local = CosemDateTime.ofLocal(LocalDateTime.parse("2026-01-01T00:00:00"));
        assertThat(local.hasDeviation()).isFalse();
        assertThat(local.toInstant(ZoneOffset.ofHours(1))).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        CosemDateTime wildcard = CosemDateTime.decode(Hex.parse("FFFFFFFFFFFFFFFFFF800000"), 0, 0);
        assertThat(wildcard.isUnspecified()).isTrue();
        assertThat(wildcard.isComplete()).isFalse();
    }

    @Test
    void structuresCompare() {
        assertThat(DlmsData.structure(List.of(DlmsData.octets(new byte[] {1}))))
                .isEqualTo(DlmsData.structure(DlmsData.octets(new byte[] {1})));
    }
}
