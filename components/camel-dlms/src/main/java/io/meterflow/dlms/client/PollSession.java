package io.meterflow.dlms.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.model.DeviceId;
import io.meterflow.model.Event;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;

/**
 * One read of a meter in one association: registers, the load profile since a given time, and
 * the clock (checked, and set when it drifted too far). Associating is the slow part of a DLMS
 * session, so a head-end's scheduled read does all of this between one associate and one release.
 *
 * @param registers   register objects (class 3) to read, value and scaler_unit
 * @param profile     the load profile (class 7) to read, or null
 * @param profileFrom the profile range start (exclusive of what was stored before), or null for no profile
 * @param clockSync   set the clock when it is off by more than {@code maxDrift}
 */
public record PollSession(List<ObisCode> registers, ObisCode profile, Instant profileFrom, boolean clockSync, Duration maxDrift,
                          ZoneId zone) {

    public static final ObisCode CLOCK = ObisCode.of(0, 0, 1, 0, 0, 255);
    private static final ObisCode LOGICAL_DEVICE_NAME = ObisCode.of(0, 0, 42, 0, 0, 255);

    /**
     * Runs the session on an associated client; the caller releases it.
     *
     * <p>The clock, the registers (value and scaler_unit), the logical device name and the load
     * profile's capture objects are asked for together ({@link DlmsClient#getAll}: one
     * get-request-with-list where the meter negotiated multiple references), then the profile's
     * rows: with the association and the release, five round trips instead of sixteen for four
     * registers and a profile. A register that is also a profile column is not asked for its
     * scaler_unit twice.
     */
    public Telegram run(DlmsClient client) throws IOException {
        List<Reading> readings = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Instant now = Instant.now();
        List<AttributeDescriptor> asked = new ArrayList<>();
        asked.add(AttributeDescriptor.of(8, CLOCK, 2));
        for (ObisCode obis : registers) {
            asked.add(AttributeDescriptor.of(3, obis, 2));
            asked.add(AttributeDescriptor.of(3, obis, 3));
        }
        asked.add(AttributeDescriptor.of(1, LOGICAL_DEVICE_NAME, 2));
        boolean withProfile = profile != null && profileFrom != null;
        if (withProfile) {
            asked.add(AttributeDescriptor.of(7, profile, 3)); // its capture objects: the columns
        }
        List<Answer> answers = client.getAll(asked);

        CosemDateTime meterClock = DlmsClient.clockOf(answers.get(0).data());
        Instant meterTime = meterClock.toInstant(zone);
        Duration drift = Duration.between(now, meterTime);
        if (clockSync && drift.abs().compareTo(maxDrift) > 0) {
            ZoneOffset offset = meterClock.hasDeviation() ? meterClock.offset() : zone.getRules().getOffset(now);
            int result = client.setClock(CosemDateTime.of(Instant.now().atOffset(offset)));
            events.add(new Event(result == 0 ? "clock_adjusted" : "clock_adjust_failed", now,
                    "meter clock was " + drift.toSeconds() + " s off", Map.of("driftSeconds", Long.toString(drift.toSeconds()),
                    "result", Integer.toString(result))));
        }
        Map<ObisCode, ScalerUnit> registerScalers = new HashMap<>();
        for (int i = 0; i < registers.size(); i++) {
            DlmsData value = answers.get(1 + 2 * i).data();
            if (!value.isNumeric()) {
                continue;
            }
            ScalerUnit su = ScalerUnit.of(answers.get(2 + 2 * i).data());
            registerScalers.put(registers.get(i), su);
            readings.add(Reading.of(registers.get(i), su.apply(value.decimal()), su.canonicalUnit(), meterTime));
        }
        Answer nameAnswer = answers.get(1 + 2 * registers.size());
        DeviceId device = nameAnswer.ok() && nameAnswer.data().isText()
                ? new DeviceId("dlms", null, null, null, null, null, nameAnswer.data().text(), null) : null;
        if (withProfile) {
            List<DlmsData> columns = answers.get(answers.size() - 1).data().items();
            readings.addAll(profile(client, profile, columns, registerScalers, profileFrom, now, zone));
        }
        return new Telegram("dlms", device, meterTime, readings, events, null);
    }

    /** The rows of a profile generic between two times, its capture objects as readings at their row times. */
    public static List<Reading> profile(DlmsClient client, ObisCode profile, Instant from, Instant to, ZoneId zone)
            throws IOException {
        return profile(client, profile, client.get(7, profile, 3).items(), Map.of(), from, to, zone);
    }

    /**
     * The rows of a profile generic between two times, given its capture objects; the scalers of
     * its register columns are taken from {@code known} (class 3 registers read in the same
     * association) or read together.
     */
    private static List<Reading> profile(DlmsClient client, ObisCode profile, List<DlmsData> captures, Map<ObisCode, ScalerUnit> known,
                                         Instant from, Instant to, ZoneId zone) throws IOException {
        Map<Integer, ScalerUnit> scalers = new HashMap<>();
        List<Integer> unknownColumns = new ArrayList<>();
        List<AttributeDescriptor> unknown = new ArrayList<>();
        int clockColumn = -1;
        for (int i = 0; i < captures.size(); i++) {
            List<DlmsData> def = captures.get(i).items();
            int classId = (int) def.get(0).longValue();
            ObisCode obis = def.get(1).obis();
            if (classId == 8) {
                clockColumn = i;
            } else if ((classId == 3 || classId == 4) && def.get(2).longValue() == 2) {
                ScalerUnit su = classId == 3 ? known.get(obis) : null;
                if (su != null) {
                    scalers.put(i, su);
                } else {
                    unknownColumns.add(i);
                    unknown.add(AttributeDescriptor.of(classId, obis, 3));
                }
            }
        }
        List<Answer> read = client.getAll(unknown);
        for (int k = 0; k < unknown.size(); k++) {
            scalers.put(unknownColumns.get(k), ScalerUnit.of(read.get(k).data()));
        }
        DlmsData rows = client.profile(profile, CosemDateTime.of(from.atOffset(ZoneOffset.UTC)),
                CosemDateTime.of(to.atOffset(ZoneOffset.UTC)));
        List<Reading> readings = new ArrayList<>();
        Instant last = null;
        for (DlmsData row : rows.items()) {
            List<DlmsData> cells = row.items();
            Instant t = last;
            if (clockColumn >= 0 && cells.get(clockColumn).looksLikeDateTime()) {
                t = CosemDateTime.decode(cells.get(clockColumn).bytes(), 0, 0).toInstant(zone);
            }
            last = t;
            for (int i = 0; i < cells.size() && i < captures.size(); i++) {
                if (i == clockColumn || !cells.get(i).isNumeric()) {
                    continue;
                }
                ScalerUnit su = scalers.get(i);
                ObisCode obis = captures.get(i).items().get(1).obis();
                readings.add(Reading.of(obis, su == null ? cells.get(i).decimal() : su.apply(cells.get(i).decimal()),
                        su == null ? Unit.NONE : su.canonicalUnit(), t));
            }
        }
        return readings;
    }

    /** The meter's logical device name (mandatory COSEM object 0-0:42.0.0), or null if it cannot be read. */
    public static DeviceId device(DlmsClient client) throws IOException {
        try {
            DlmsData ldn = client.get(1, LOGICAL_DEVICE_NAME, 2);
            return ldn.isText() ? new DeviceId("dlms", null, null, null, null, null, ldn.text(), null) : null;
        } catch (DlmsException | io.meterflow.model.DecodeException e) {
            return null;
        }
    }
}
