package io.meterflow.dlms.server;

import io.meterflow.dlms.apdu.ActionResponse;
import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.apdu.DataResult;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.model.ObisCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The COSEM objects a simulated meter holds: registers, data objects, its clock and load profiles. */
public final class CosemObjects {

    /**
     * A method of a COSEM object: takes the invocation parameters (null-data when the request
     * has none) and returns the action-result with optional return parameters.
     */
    @FunctionalInterface
    public interface Method {
        ActionResponse.Single invoke(DlmsData parameters);
    }

    /** A register (class 3) or data object (class 1). */
    record Value(int classId, DlmsData value, ScalerUnit scalerUnit) {
    }

    /** A profile generic (class 7): capture objects, period, and rows whose first column is the clock. */
    record Profile(List<AttributeDescriptor> captureObjects, int capturePeriod, List<List<DlmsData>> rows) {
    }

    private final Map<ObisCode, Value> values = new ConcurrentHashMap<>();
    private final Map<ObisCode, Profile> profiles = new ConcurrentHashMap<>();
    private final Map<String, Method> methods = new ConcurrentHashMap<>();
    private volatile Duration clockOffset = Duration.ZERO;
    private final Clock clock;
    private final int deviation;

    /** @param deviation the meter's COSEM deviation in minutes (UTC = local + deviation) */
    public CosemObjects(Clock clock, int deviation) {
        this.clock = clock;
        this.deviation = deviation;
    }

    public CosemObjects register(ObisCode obis, DlmsData value, ScalerUnit scalerUnit) {
        values.put(obis, new Value(3, value, scalerUnit));
        return this;
    }

    public CosemObjects data(ObisCode obis, DlmsData value) {
        values.put(obis, new Value(1, value, null));
        return this;
    }

    /** Adds (or replaces) a method; register reset (class 3, method 1) is built in. */
    public CosemObjects method(int classId, ObisCode obis, int methodId, Method method) {
        methods.put(classId + "/" + obis + "/" + methodId, method);
        return this;
    }

    /** Invokes a method: a registered one, else register reset, else object-undefined. */
    ActionResponse.Single action(AttributeDescriptor m, DlmsData parameters) {
        Method method = methods.get(m.classId() + "/" + m.instance() + "/" + m.id());
        if (method != null) {
            return method.invoke(parameters == null ? DlmsData.NULL : parameters);
        }
        Value v = values.get(m.instance());
        if (m.classId() == 3 && m.id() == 1 && v != null && v.classId() == 3) {
            if (!v.value().type().isInteger()) {
                return new ActionResponse.Single(DataResult.TYPE_UNMATCHED, null);
            }
            values.put(m.instance(), new Value(3, DlmsData.integer(v.value().type(), 0), v.scalerUnit()));
            return new ActionResponse.Single(DataResult.SUCCESS, null);
        }
        return new ActionResponse.Single(DataResult.OBJECT_UNDEFINED, null);
    }

    public CosemObjects profile(ObisCode obis, List<AttributeDescriptor> captureObjects, int capturePeriod,
                                List<List<DlmsData>> rows) {
        profiles.put(obis, new Profile(List.copyOf(captureObjects), capturePeriod, new CopyOnWriteArrayList<>(rows)));
        return this;
    }

    /** The meter's clock now, with its offset from true time. */
    public CosemDateTime now() {
        Instant t = clock.instant().plus(clockOffset);
        return CosemDateTime.of(t.atOffset(ZoneOffset.ofTotalSeconds(-deviation * 60)));
    }

    public Instant nowInstant() {
        return clock.instant().plus(clockOffset);
    }

    /** Makes the meter's clock run ahead (positive) or behind true time. */
    public void setClockOffset(Duration offset) {
        this.clockOffset = offset;
    }

    public Duration clockOffset() {
        return clockOffset;
    }

    DataResult get(AttributeDescriptor a) {
        if (a.classId() == 8 && a.instance().equals(ObisCode.of(0, 0, 1, 0, 0, 255))) {
            return switch (a.id()) {
                case 1 -> DataResult.of(DlmsData.obis(a.instance()));
                case 2 -> DataResult.of(DlmsData.dateTime(now()));
                case 3 -> DataResult.of(DlmsData.integer(DataType.LONG, deviation));
                default -> DataResult.error(DataResult.OBJECT_UNAVAILABLE);
            };
        }
        Value v = values.get(a.instance());
        if (v != null) {
            if (v.classId() != a.classId()) {
                return DataResult.error(9);
            }
            return switch (a.id()) {
                case 1 -> DataResult.of(DlmsData.obis(a.instance()));
                case 2 -> DataResult.of(v.value());
                case 3 -> v.scalerUnit() == null ? DataResult.error(DataResult.OBJECT_UNAVAILABLE)
                        : DataResult.of(v.scalerUnit().toData());
                default -> DataResult.error(DataResult.OBJECT_UNAVAILABLE);
            };
        }
        Profile p = profiles.get(a.instance());
        if (p != null && a.classId() == 7) {
            return switch (a.id()) {
                case 1 -> DataResult.of(DlmsData.obis(a.instance()));
                case 2 -> buffer(p, a);
                case 3 -> DataResult.of(DlmsData.array(p.captureObjects().stream().map(c -> DlmsData.structure(
                        DlmsData.integer(DataType.LONG_UNSIGNED, c.classId()), DlmsData.obis(c.instance()),
                        DlmsData.integer(DataType.INTEGER, c.id()), DlmsData.integer(DataType.LONG_UNSIGNED, 0)))
                        .toList()));
                case 4 -> DataResult.of(DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, p.capturePeriod()));
                case 7 -> DataResult.of(DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, p.rows().size()));
                default -> DataResult.error(DataResult.OBJECT_UNAVAILABLE);
            };
        }
        return DataResult.error(DataResult.OBJECT_UNDEFINED);
    }

    private static DataResult buffer(Profile p, AttributeDescriptor a) {
        if (!a.selective()) {
            return DataResult.of(DlmsData.array(p.rows().stream().map(DlmsData::structure).toList()));
        }
        if (a.selector() != 1) {
            return DataResult.error(DataResult.OTHER_REASON);
        }
        List<DlmsData> range = a.parameter().items();
        if (range.size() < 3 || !range.get(1).looksLikeDateTime() || !range.get(2).looksLikeDateTime()) {
            return DataResult.error(DataResult.TYPE_UNMATCHED);
        }
        Instant from = CosemDateTime.decode(range.get(1).bytes(), 0, 0).toInstant(ZoneOffset.UTC);
        Instant to = CosemDateTime.decode(range.get(2).bytes(), 0, 0).toInstant(ZoneOffset.UTC);
        List<DlmsData> rows = new ArrayList<>();
        for (List<DlmsData> row : p.rows()) {
            Instant t = CosemDateTime.decode(row.get(0).bytes(), 0, 0).toInstant(ZoneOffset.UTC);
            if (!t.isBefore(from) && !t.isAfter(to)) {
                rows.add(DlmsData.structure(row));
            }
        }
        return DataResult.of(DlmsData.array(rows));
    }

    int set(AttributeDescriptor a, DlmsData value) {
        if (a.classId() == 8 && a.id() == 2) {
            if (!value.looksLikeDateTime()) {
                return DataResult.TYPE_UNMATCHED;
            }
            Instant wanted = CosemDateTime.decode(value.bytes(), 0, 0).toInstant(ZoneOffset.UTC);
            clockOffset = Duration.between(clock.instant(), wanted);
            return DataResult.SUCCESS;
        }
        Value v = values.get(a.instance());
        if (v == null) {
            return DataResult.OBJECT_UNDEFINED;
        }
        if (a.id() != 2) {
            return DataResult.READ_WRITE_DENIED;
        }
        values.put(a.instance(), new Value(v.classId(), value, v.scalerUnit()));
        return DataResult.SUCCESS;
    }

    /** The registers as a self-describing push body: array of {logical name, value, scaler_unit}. */
    DlmsData pushBody() {
        List<DlmsData> items = new ArrayList<>();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Value v = e.getValue();
            if (v.scalerUnit() != null) {
                items.add(DlmsData.structure(DlmsData.obis(e.getKey()), v.value(), v.scalerUnit().toData()));
            } else {
                items.add(DlmsData.structure(DlmsData.obis(e.getKey()), v.value()));
            }
        });
        return DlmsData.array(items);
    }
}
