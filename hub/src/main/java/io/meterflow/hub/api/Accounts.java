package io.meterflow.hub.api;

import java.time.Instant;
import java.util.List;

import io.meterflow.hub.db.Tenancy;
import io.meterflow.hub.security.ApiKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Organizations, users, memberships and API keys in the database. */
@Component
public class Accounts {

    public record Organization(long id, String name, Instant createdAt) {
    }

    public record Member(long userId, String email, String name, String role, Instant createdAt) {
    }

    public record KeyInfo(long id, String name, String role, String prefix, Long userId, Instant createdAt,
                          Instant lastUsedAt, Instant revokedAt) {
    }

    /** A key just made: the only moment its secret exists outside the caller's hands. */
    public record NewKey(long id, String name, String role, String key, Long userId, long organizationId) {
    }

    public record NewOrganization(Organization organization, NewKey adminKey) {
    }

    private final Tenancy tenancy;

    public Accounts(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /**
     * Creates an organization whose first admin is {@code userId} (or a new user with
     * {@code email} when userId is null), with an admin key for that user.
     */
    public NewOrganization createOrganization(String name, Long userId, String email) {
        return tenancy.asSystem(jdbc -> {
            long uid = userId != null ? userId : ensureUser(jdbc, email, null);
            Organization org = jdbc.queryForObject(
                    "INSERT INTO organization (name) VALUES (?) RETURNING id, name, created_at",
                    (rs, i) -> new Organization(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()), name);
            jdbc.update("INSERT INTO membership (organization_id, user_id, role) VALUES (?, ?, 'admin')", org.id(), uid);
            NewKey key = insertKey(jdbc, org.id(), uid, "admin key of " + name, Role.ADMIN);
            return new NewOrganization(org, key);
        });
    }

    public boolean anyOrganization() {
        return tenancy.asSystem(jdbc -> jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM organization)", Boolean.class));
    }

    /** The organizations a user belongs to: crosses tenants by design, so it runs as the hub. */
    public List<Organization> organizationsOf(long userId) {
        return tenancy.asSystem(jdbc -> jdbc.query("""
                        SELECT o.id, o.name, o.created_at FROM organization o
                          JOIN membership m ON m.organization_id = o.id WHERE m.user_id = ? ORDER BY o.id""",
                (rs, i) -> new Organization(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()), userId));
    }

    public Organization organization(long orgId) {
        return tenancy.inOrganization(orgId, jdbc -> jdbc.query("SELECT id, name, created_at FROM organization",
                        (rs, i) -> new Organization(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .stream().findFirst().orElseThrow(() -> ApiProblem.notFound("organization " + orgId)));
    }

    public Organization rename(long orgId, String name) {
        tenancy.inOrganization(orgId, jdbc -> jdbc.update("UPDATE organization SET name = ?", name));
        return organization(orgId);
    }

    public List<Member> members(long orgId) {
        return tenancy.inOrganization(orgId, jdbc -> jdbc.query("""
                        SELECT u.id, u.email, u.name, m.role, m.created_at FROM membership m
                          JOIN app_user u ON u.id = m.user_id ORDER BY u.id""",
                (rs, i) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())));
    }

    /** Adds a member, creating the user on first sight of the e-mail address. */
    public Member addMember(long orgId, String email, String name, Role role) {
        long uid = tenancy.asSystem(jdbc -> ensureUser(jdbc, email, name));
        return tenancy.inOrganization(orgId, jdbc -> {
            int n = jdbc.update("""
                    INSERT INTO membership (organization_id, user_id, role) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", orgId, uid, role.code());
            if (n == 0) {
                throw ApiProblem.conflict(email + " is already a member of this organization");
            }
            return member(jdbc, uid);
        });
    }

    public Member changeRole(long orgId, long userId, Role role) {
        return tenancy.inOrganization(orgId, jdbc -> {
            if (role != Role.ADMIN) {
                keepAnAdmin(jdbc, userId);
            }
            if (jdbc.update("UPDATE membership SET role = ? WHERE user_id = ?", role.code(), userId) == 0) {
                throw ApiProblem.notFound("member " + userId);
            }
            // A key may not do more than its user; lower the user's keys with the user.
            jdbc.update("""
                    UPDATE api_key SET role = ? WHERE user_id = ?
                       AND array_position(ARRAY['viewer','operator','admin'], role) > array_position(ARRAY['viewer','operator','admin'], ?)""",
                    role.code(), userId, role.code());
            return member(jdbc, userId);
        });
    }

    /** Removes a member and revokes the member's keys of this organization. */
    public void removeMember(long orgId, long userId) {
        tenancy.inOrganization(orgId, jdbc -> {
            keepAnAdmin(jdbc, userId);
            if (jdbc.update("DELETE FROM membership WHERE user_id = ?", userId) == 0) {
                throw ApiProblem.notFound("member " + userId);
            }
            jdbc.update("UPDATE api_key SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL", userId);
            return null;
        });
    }

    public Role memberRole(long orgId, long userId) {
        return tenancy.inOrganization(orgId, jdbc -> jdbc.queryForList(
                        "SELECT role FROM membership WHERE user_id = ?", String.class, userId)
                .stream().findFirst().map(r -> Role.valueOf(r.toUpperCase())).orElse(null));
    }

    public NewKey createKey(long orgId, Long userId, String name, Role role) {
        return tenancy.inOrganization(orgId, jdbc -> insertKey(jdbc, orgId, userId, name, role));
    }

    public List<KeyInfo> keys(long orgId) {
        return tenancy.inOrganization(orgId, jdbc -> jdbc.query("""
                        SELECT id, name, role, prefix, user_id, created_at, last_used_at, revoked_at
                          FROM api_key ORDER BY id""",
                (rs, i) -> new KeyInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8)))));
    }

    public void revokeKey(long orgId, long keyId) {
        tenancy.inOrganization(orgId, jdbc -> {
            if (jdbc.update("UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = ?", keyId) == 0) {
                throw ApiProblem.notFound("API key " + keyId);
            }
            return null;
        });
    }

    /** An organization without an admin could never manage its keys again. */
    private static void keepAnAdmin(JdbcTemplate jdbc, long userId) {
        // Locks the admins' rows so two concurrent demotions cannot both pass.
        List<Long> admins = jdbc.queryForList("SELECT user_id FROM membership WHERE role = 'admin' FOR UPDATE", Long.class);
        if (admins.size() == 1 && admins.get(0) == userId) {
            throw ApiProblem.conflict("user " + userId + " is the organization's last admin; make another member admin first");
        }
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Member member(JdbcTemplate jdbc, long uid) {
        return jdbc.queryForObject("""
                        SELECT u.id, u.email, u.name, m.role, m.created_at FROM membership m
                          JOIN app_user u ON u.id = m.user_id WHERE u.id = ?""",
                (rs, i) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), uid);
    }

    private static long ensureUser(JdbcTemplate jdbc, String email, String name) {
        String e = email.trim().toLowerCase();
        return jdbc.queryForObject("""
                INSERT INTO app_user (email, name) VALUES (?, ?)
                ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
                RETURNING id""", Long.class, e, name);
    }

    private static NewKey insertKey(JdbcTemplate jdbc, long orgId, Long userId, String name, Role role) {
        String key = ApiKeys.generate();
        long id = jdbc.queryForObject("""
                        INSERT INTO api_key (organization_id, user_id, name, role, prefix, key_hash)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                orgId, userId, name, role.code(), ApiKeys.displayPrefix(key), ApiKeys.hash(key));
        return new NewKey(id, name, role.code(), key, userId, orgId);
    }
}
