package io.meterflow.hub.api;

/** Who is calling: the API key's organization, role, key and (if any) user. */
public record Caller(long organizationId, Role role, long keyId, Long userId) {

    public void require(Role needed) {
        if (!role.includes(needed)) {
            throw new ApiProblem(403, "Forbidden", "this needs the role " + needed.code() + "; the API key has " + role.code(), null);
        }
    }
}
