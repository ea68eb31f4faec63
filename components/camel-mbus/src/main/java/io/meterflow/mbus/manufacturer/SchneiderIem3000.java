package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Schneider Electric iEM3000 series energy meters (manufacturer SEC, device type 0x02). Their
 * readouts use:
 *
 * <ul>
 *   <li>subunit 1 on an energy record (VIF 0x00-0x07, with or without manufacturer VIFEs) for
 *       reactive energy: the number is in varh, not Wh;</li>
 *   <li>manufacturer VIF 0xFF 0x0B: frequency in Hz (real32);</li>
 *   <li>manufacturer VIF 0xFF 0x24: nominal frequency in Hz (integer).</li>
 * </ul>
 *
 * The standard decoding keeps the subunit-1 records as energy in Wh under their M-Bus register;
 * this decoder adds them as reactive energy ({@code mfr/iem3000/reactive_energy/<register>}).
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class SchneiderIem3000 implements ManufacturerDecoder {

    @Override
    public String name() {
        return "iem3000";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "SEC".equals(a.manufacturer()) && a.deviceType() == 0x02;
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] b, int from, int to, List<DataRecord> records) {
        List<Reading> out = new ArrayList<>();
        for (DataRecord r : records) {
            String v = r.vifBytes();
            if (r.subunit() == 1 && r.number() != null && r.info().unit() == Unit.WATT_HOUR) {
                out.add(Values.reading(name(), "reactive_energy/" + r.registerKey(), r.number(), Unit.VAR_HOUR, null,
                        "Reactive energy (subunit 1 of " + r.registerKey() + ")"));
            } else if ("FF0B".equals(v)) {
                Float f = Raw.real(b, r);
                if (f != null) {
                    out.add(Values.reading(name(), "frequency", new BigDecimal(f), Unit.HERTZ, null, "Frequency"));
                }
            } else if ("FF24".equals(v)) {
                Long n = Raw.integer(b, r);
                if (n != null) {
                    out.add(Values.reading(name(), "nominal_frequency", BigDecimal.valueOf(n), Unit.HERTZ, null,
                            "Nominal frequency"));
                }
            }
        }
        return out;
    }
}
