package io.meterflow.dlms.axdr;

import io.meterflow.model.DecodeException;
import io.meterflow.model.Unit;

import java.math.BigDecimal;

/**
 * A register's scaler_unit (Blue Book 4.3.2): value × 10^scaler in {@code unit}.
 *
 * @param scaler power of ten, -128..127
 * @param unit   the DLMS unit
 */
public record ScalerUnit(int scaler, DlmsUnit unit) {

    public static final ScalerUnit NONE = new ScalerUnit(0, DlmsUnit.COUNT);

    /** Reads {@code structure { integer scaler, enum unit }}. */
    public static ScalerUnit of(DlmsData d) {
        if (d.type() != DataType.STRUCTURE || d.items().size() != 2 || !d.items().get(0).isNumeric()
                || !d.items().get(1).isNumeric()) {
            throw new DecodeException("scaler_unit must be structure{integer, enum} but was " + d);
        }
        return new ScalerUnit((int) d.items().get(0).longValue(), DlmsUnit.ofCode((int) d.items().get(1).longValue()));
    }

    /** True when {@code d} has the shape of a scaler_unit. */
    public static boolean matches(DlmsData d) {
        return d.type() == DataType.STRUCTURE && d.items().size() == 2
                && d.items().get(0).type() == DataType.INTEGER && d.items().get(1).type() == DataType.ENUM;
    }

    public DlmsData toData() {
        return DlmsData.structure(DlmsData.integer(DataType.INTEGER, scaler), DlmsData.integer(DataType.ENUM, unit.code()));
    }

    /** The raw value scaled into the canonical unit, exactly: raw × 10^scaler × unit factor. */
    public BigDecimal apply(BigDecimal raw) {
        BigDecimal scaled = raw.scaleByPowerOfTen(scaler);
        BigDecimal factor = unit.factor();
        return factor.compareTo(BigDecimal.ONE) == 0 ? scaled : scaled.multiply(factor);
    }

    public Unit canonicalUnit() {
        return unit.unit();
    }
}
