package io.meterflow.hub.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code /api/v1/organizations}, {@code /api/v1/memberships} and {@code /api/v1/api-keys}: all
 * for admins. An API key acts in one organization; a person who belongs to several holds a key
 * for each.
 */
@Component("accountApi")
public class AccountApi {

    private final Api api;
    private final Accounts accounts;
    private final ApiKeyAuthenticator authenticator;

    public AccountApi(Api api, Accounts accounts, ApiKeyAuthenticator authenticator) {
        this.api = api;
        this.accounts = accounts;
        this.authenticator = authenticator;
    }

    public void listOrganizations(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> {
            Caller c = req.caller();
            List<Accounts.Organization> orgs = c.userId() == null
                    ? List.of(accounts.organization(c.organizationId()))
                    : accounts.organizationsOf(c.userId());
            return api.ok(Map.of("items", orgs));
        });
    }

    public void createOrganization(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> {
            JsonNode body = Fields.object(req.json());
            String name = Fields.text(body, "name", null, true, 200);
            if (req.caller().userId() == null) {
                throw new ApiProblem(403, "Forbidden", "this API key belongs to no user, so it cannot found an organization", null);
            }
            Accounts.NewOrganization created = accounts.createOrganization(name, req.caller().userId(), null);
            return api.json(201, created);
        });
    }

    public void getOrganization(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> api.ok(accounts.organization(ownOrganization(req))));
    }

    public void updateOrganization(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> {
            long id = ownOrganization(req);
            String name = Fields.text(Fields.object(req.json()), "name", null, true, 200);
            return api.ok(accounts.rename(id, name));
        });
    }

    public void listMembers(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> api.ok(Map.of("items", accounts.members(req.organizationId()))));
    }

    public void addMember(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> {
            JsonNode body = Fields.object(req.json());
            String email = Fields.text(body, "email", null, true, 320);
            if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                throw ApiProblem.badRequest("email", "is not an e-mail address");
            }
            String name = Fields.text(body, "name", null, false, 200);
            Role role = Role.fromCode(Fields.text(body, "role", null, true, 20), "role");
            Accounts.Member m = accounts.addMember(req.organizationId(), email, name, role);
            return api.json(201, m);
        });
    }

    public void updateMember(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> {
            long userId = req.pathId("userId", "member");
            Role role = Role.fromCode(Fields.text(Fields.object(req.json()), "role", null, true, 20), "role");
            Accounts.Member m = accounts.changeRole(req.organizationId(), userId, role);
            authenticator.forgetAll();
            return api.ok(m);
        });
    }

    public void removeMember(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> {
            accounts.removeMember(req.organizationId(), req.pathId("userId", "member"));
            authenticator.forgetAll();
            return ApiResponse.noContent();
        });
    }

    public void listKeys(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> api.ok(Map.of("items", accounts.keys(req.organizationId()))));
    }

    public void createKey(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> {
            JsonNode body = Fields.object(req.json());
            String name = Fields.text(body, "name", null, true, 200);
            Role role = Role.fromCode(Fields.text(body, "role", null, true, 20), "role");
            Long userId = Fields.longValue(body, "userId", null);
            if (userId == null) {
                userId = req.caller().userId();
            }
            if (userId != null) {
                Role memberRole = accounts.memberRole(req.organizationId(), userId);
                if (memberRole == null) {
                    throw ApiProblem.badRequest("userId", "user " + userId + " is not a member of this organization");
                }
                if (!memberRole.includes(role)) {
                    throw ApiProblem.badRequest("role", "the user's role is " + memberRole.code() + "; a key cannot do more than its user");
                }
            }
            Accounts.NewKey key = accounts.createKey(req.organizationId(), userId, name, role);
            return api.json(201, key);
        });
    }

    public void revokeKey(Exchange ex) {
        api.handle(ex, Role.ADMIN, req -> {
            accounts.revokeKey(req.organizationId(), req.pathId("keyId", "API key"));
            authenticator.forgetAll();
            return ApiResponse.noContent();
        });
    }

    /** A key sees its own organization only; any other id is as good as absent. */
    private static long ownOrganization(ApiRequest req) {
        long id = req.pathId("orgId", "organization");
        if (id != req.organizationId()) {
            throw ApiProblem.notFound("organization " + id);
        }
        return id;
    }
}
