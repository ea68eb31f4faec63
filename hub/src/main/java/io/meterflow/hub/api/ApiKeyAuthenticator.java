package io.meterflow.hub.api;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.meterflow.hub.db.Tenancy;
import io.meterflow.hub.security.ApiKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns {@code Authorization: Bearer <key>} into a {@link Caller}. Keys are looked up by their
 * SHA-256; results are cached briefly (default 5 s, {@code meterflow.api.key-cache}) so a burst of
 * requests costs one query, and a revocation on this instance clears the cache at once (other
 * instances notice within the cache time).
 */
@Component
public class ApiKeyAuthenticator {

    private record KeyRow(long id, long organizationId, Long userId, Role role, boolean revoked) {
    }

    /** Cached for unknown keys too, so a client retrying a wrong key costs no query each time. */
    private static final KeyRow UNKNOWN = new KeyRow(0, 0, null, Role.VIEWER, true);

    private final Tenancy tenancy;
    private final Cache<String, KeyRow> cache;

    public ApiKeyAuthenticator(Tenancy tenancy, @Value("${meterflow.api.key-cache:5s}") Duration cacheTime) {
        this.tenancy = tenancy;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheTime).build();
    }

    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiProblem.unauthorized("send an API key as 'Authorization: Bearer <key>'");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw ApiProblem.unauthorized("the Authorization header must be 'Bearer <key>'");
        }
        String key = parts[1].trim();
        if (!ApiKeys.looksLikeKey(key)) {
            throw ApiProblem.unauthorized("that is not a Meterflow API key");
        }
        byte[] hash = ApiKeys.hash(key);
        KeyRow row = cache.get(HexFormat.of().formatHex(hash), h -> lookup(hash));
        if (row == UNKNOWN) {
            throw ApiProblem.unauthorized("unknown API key");
        }
        if (row.revoked()) {
            throw ApiProblem.unauthorized("this API key has been revoked");
        }
        return new Caller(row.organizationId(), row.role(), row.id(), row.userId());
    }

    /** Forgets every cached key, after a revocation. */
    public void forgetAll() {
        cache.invalidateAll();
    }

    private KeyRow lookup(byte[] hash) {
        return tenancy.asSystem(jdbc -> {
            List<KeyRow> rows = jdbc.query("""
                            UPDATE api_key SET last_used_at = now() WHERE key_hash = ?
                            RETURNING id, organization_id, user_id, role, revoked_at IS NOT NULL""",
                    (rs, i) -> new KeyRow(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3),
                            Role.valueOf(rs.getString(4).toUpperCase()), rs.getBoolean(5)),
                    (Object) hash);
            return rows.isEmpty() ? UNKNOWN : rows.get(0);
        });
    }
}
