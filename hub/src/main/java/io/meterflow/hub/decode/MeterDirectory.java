package io.meterflow.hub.decode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.meterflow.hub.api.Meters;
import io.meterflow.hub.db.Tenancy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds the meter a decoded frame belongs to, by the device identity the frame carries
 * ({@code DeviceId.key()}, stored as {@code meter.device_key}). Look-ups are cached briefly;
 * changes to meters made through this hub clear the cache at once.
 */
@Component
public class MeterDirectory {

    /** What decoding needs to know of a meter. */
    public record MeterRef(long id, long organizationId, String medium, String meterType, java.math.BigDecimal ctRatio,
                           java.math.BigDecimal vtRatio, String timezone) {
    }

    /** Cached answers, including "no such meter" and "ambiguous", so unknown senders cost no query each. */
    private record Answer(MeterRef meter, String problem) {
    }

    private final Tenancy tenancy;
    private final Meters meters;
    private final Cache<String, Answer> cache;
    /** Meters' keys, opened with the master key; only meters that have keys are cached. */
    private final Cache<Long, Map<String, byte[]>> keys;
    private final Cache<Long, Boolean> organizations;

    public MeterDirectory(Tenancy tenancy, Meters meters, @Value("${meterflow.decode.meter-cache:30s}") Duration cacheTime) {
        this.tenancy = tenancy;
        this.meters = meters;
        this.cache = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterWrite(cacheTime).build();
        this.keys = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterWrite(cacheTime).build();
        this.organizations = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTime).build();
    }

    /**
     * The meter's keys by kind. Cached like the meters themselves: a key set or removed through
     * this hub is seen at once, one changed through another hub instance within the cache time.
     */
    public Map<String, byte[]> keysOf(MeterRef meter) {
        Map<String, byte[]> known = keys.getIfPresent(meter.id());
        if (known != null) {
            return known;
        }
        Map<String, byte[]> loaded = meters.keysOf(meter.organizationId(), meter.id());
        if (!loaded.isEmpty()) {
            keys.put(meter.id(), Map.copyOf(loaded));
        }
        return loaded;
    }

    /**
     * The meter with this device key: within {@code organizationId} when the sender's organization
     * is known, else across organizations (as the hub), where it must be unique.
     *
     * @return the meter, or empty with the reason in {@code problem[0]}
     */
    public Optional<MeterRef> find(String deviceKey, Long organizationId, String[] problem) {
        Answer a = cache.get(organizationId + "|" + deviceKey, k -> lookup(deviceKey, organizationId));
        if (a.meter() == null) {
            problem[0] = a.problem();
        }
        return Optional.ofNullable(a.meter());
    }

    /** The meter a receiver named, if it is one of the organization's. */
    public Optional<MeterRef> byId(long organizationId, long meterId) {
        return tenancy.inOrganization(organizationId, jdbc -> jdbc.query("SELECT id, organization_id, medium, meter_type, ct_ratio, vt_ratio, timezone FROM meter WHERE id = ?",
                (rs, i) -> new MeterRef(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7)), meterId)).stream().findFirst();
    }

    /**
     * Whether the organization a receiver names exists. The archive has no foreign key to check it
     * (migration V9), so a frame of a receiver set up for a wrong organization is told apart here.
     */
    public boolean organizationExists(long organizationId) {
        return organizations.get(organizationId, id -> tenancy.asSystem(jdbc -> jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM organization WHERE id = ?)", Boolean.class, id)));
    }

    public void forgetAll() {
        cache.invalidateAll();
        keys.invalidateAll();
        organizations.invalidateAll();
    }

    /*
     * As the hub, naming the organization when it is known, rather than under the organization's
     * row-level security: the key (organization, device key) then matches a unique index whole.
     * That alone does not fix the plan: while the meter table's statistics say it is empty (its
     * indexes were made on an empty table), both forms were planned on the index (organization,
     * serial), reading all of the organization's meters for each look-up, in bursts as this cache
     * expired (auto_explain and pg_stat_user_indexes over a push benchmark). A meter import
     * analyses the table (Meters.importAll); keep autovacuum on for meters registered one by one.
     */
    private static final String BY_DEVICE_KEY = "SELECT id, organization_id, medium, meter_type, ct_ratio, vt_ratio, timezone FROM meter"
            + " WHERE organization_id = ? AND device_key = ?";
    private static final String BY_DEVICE_KEY_ANYWHERE = "SELECT id, organization_id, medium, meter_type, ct_ratio, vt_ratio, timezone"
            + " FROM meter WHERE device_key = ? LIMIT 2";

    private Answer lookup(String deviceKey, Long organizationId) {
        org.springframework.jdbc.core.RowMapper<MeterRef> ref = (rs, i) -> new MeterRef(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7));
        List<MeterRef> found = organizationId != null
                ? tenancy.asSystem(jdbc -> jdbc.query(BY_DEVICE_KEY, ref, organizationId, deviceKey))
                : tenancy.asSystem(jdbc -> jdbc.query(BY_DEVICE_KEY_ANYWHERE, ref, deviceKey));
        if (found.isEmpty()) {
            return new Answer(null, "no meter is registered with device key " + deviceKey);
        }
        if (found.size() > 1) {
            return new Answer(null, "device key " + deviceKey + " is registered in more than one organization; "
                    + "send its frames with the organization's key or webhook token");
        }
        return new Answer(found.get(0), null);
    }
}
