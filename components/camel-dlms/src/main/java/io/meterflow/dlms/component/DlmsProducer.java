package io.meterflow.dlms.component;

import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.apdu.DataResult;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.dlms.client.DlmsClient;
import io.meterflow.dlms.client.PollSession;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Polls a meter: one association per exchange (associate, operation, release), because meters
 * accept few associations and drop idle ones.
 *
 * <p>Operations and bodies: {@code get} gives a {@link Reading} for register values (class 3/4,
 * attribute 2, scaled by the register's scaler_unit) and the {@link DlmsData} otherwise;
 * {@code get-list} a list of {@link DataResult}; {@code read-profile} a {@link Telegram} whose
 * readings carry the profile's timestamps; {@code get-clock} the meter's {@link Instant};
 * {@code set-clock} the drift found, setting the clock when it exceeds {@code maxDrift}.
 */
public class DlmsProducer extends DefaultProducer {

    private static final ObisCode LOGICAL_DEVICE_NAME = ObisCode.of(0, 0, 42, 0, 0, 255);

    public DlmsProducer(DlmsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public DlmsEndpoint getEndpoint() {
        return (DlmsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        DlmsConfiguration c = getEndpoint().getConfiguration();
        Message in = exchange.getIn();
        String operation = in.getHeader(DlmsConstants.OPERATION, c.getOperation(), String.class);
        DlmsClient client = getEndpoint().newClient();
        try {
            client.associate();
            Message out = exchange.getMessage();
            switch (operation) {
                case "get" -> out.setBody(get(client, in, c));
                case "get-list" -> out.setBody(client.getList(descriptors(in.getHeader(DlmsConstants.OBIS, c.getObis(),
                        String.class))));
                case "read-profile" -> out.setBody(readProfile(client, in, c));
                case "get-clock" -> {
                    Instant meter = client.clock().toInstant(ZoneId.of(c.getTimeZone()));
                    out.setHeader(DlmsConstants.CLOCK_DRIFT, Duration.between(Instant.now(), meter));
                    out.setBody(meter);
                }
                case "set-clock" -> out.setBody(setClock(client, out, c));
                default -> throw new IllegalArgumentException("unknown dlms operation " + operation
                        + " (get, get-list, read-profile, get-clock, set-clock)");
            }
        } finally {
            client.release();
        }
    }

    private static Object get(DlmsClient client, Message in, DlmsConfiguration c) throws Exception {
        ObisCode obis = ObisCode.parse(in.getHeader(DlmsConstants.OBIS, c.getObis(), String.class));
        int classId = in.getHeader(DlmsConstants.CLASS_ID, c.getClassId(), Integer.class);
        int attribute = in.getHeader(DlmsConstants.ATTRIBUTE, c.getAttribute(), Integer.class);
        DlmsData value = client.get(classId, obis, attribute);
        if ((classId == 3 || classId == 4) && attribute == 2 && value.isNumeric()) {
            ScalerUnit su = client.scalerUnit(classId, obis);
            return Reading.of(obis, su.apply(value.decimal()), su.canonicalUnit(), null);
        }
        return value;
    }

    /** {@code class/obis/attribute} items separated by commas, e.g. {@code 3/1-0:1.8.0*255/2}. */
    static List<AttributeDescriptor> descriptors(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("get-list needs obis=class/obis/attribute,...");
        }
        List<AttributeDescriptor> out = new ArrayList<>();
        for (String item : spec.split(",")) {
            String[] p = item.strip().split("/");
            if (p.length != 3) {
                throw new IllegalArgumentException("get-list item " + item + " is not class/obis/attribute");
            }
            out.add(AttributeDescriptor.of(Integer.parseInt(p[0]), ObisCode.parse(p[1]), Integer.parseInt(p[2])));
        }
        return out;
    }

    private static Telegram readProfile(DlmsClient client, Message in, DlmsConfiguration c) throws Exception {
        ObisCode profile = ObisCode.parse(in.getHeader(DlmsConstants.OBIS, c.getObis(), String.class));
        Instant from = in.getHeader(DlmsConstants.FROM, c.getFrom() == null ? null : Instant.parse(c.getFrom()), Instant.class);
        Instant to = in.getHeader(DlmsConstants.TO, c.getTo() == null ? Instant.now() : Instant.parse(c.getTo()), Instant.class);
        if (from == null) {
            throw new IllegalArgumentException("read-profile needs a from time (option from or header " + DlmsConstants.FROM + ")");
        }
        List<Reading> readings = PollSession.profile(client, profile, from, to, ZoneId.of(c.getTimeZone()));
        return new Telegram("dlms", PollSession.device(client), null, readings, List.of(), null);
    }

    private static Duration setClock(DlmsClient client, Message out, DlmsConfiguration c) throws Exception {
        CosemDateTime meter = client.clock();
        Instant now = Instant.now();
        Duration drift = Duration.between(now, meter.toInstant(ZoneId.of(c.getTimeZone())));
        out.setHeader(DlmsConstants.CLOCK_DRIFT, drift);
        boolean set = drift.abs().getSeconds() > c.getMaxDrift();
        if (set) {
            ZoneOffset offset = meter.hasDeviation() ? meter.offset() : ZoneId.of(c.getTimeZone()).getRules().getOffset(now);
            int result = client.setClock(CosemDateTime.of(Instant.now().atOffset(offset)));
            if (result != 0) {
                throw new io.meterflow.dlms.client.DlmsException("meter refused the clock with data-access-result " + result);
            }
        }
        out.setHeader(DlmsConstants.CLOCK_SET, set);
        return drift;
    }

}
